import ArgumentParser
import PartnerAuditCore
import Reports

/// How tabular results are printed: aligned text for people, JSON or CSV for tools.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv

    /// Renders rows under column names. JSON is an array of objects; CSV follows RFC 4180.
    func render(columns: [String], rows: [[String?]]) -> String {
        switch self {
        case .table: Self.table(columns: columns, rows: rows)
        case .json: Self.json(columns: columns, rows: rows)
        case .csv: Self.csv(columns: columns, rows: rows)
        }
    }

    private static func table(columns: [String], rows: [[String?]]) -> String {
        // A column is at most 60 characters wide: escaping more of a cell than that is wasted work
        // (escaping only lengthens text, so the cut below falls where it would anyway).
        let cells = rows.map { $0.map { TerminalText.escaped(String(($0 ?? "NULL").prefix(61))) } }
        // Column names are text too: a view's, or whatever the statement named them.
        let columns = columns.map { TerminalText.escaped($0) }
        var widths = columns.map(\.count)
        for row in cells { for (i, cell) in row.enumerated() { widths[i] = min(max(widths[i], cell.count), 60) } }
        func line(_ values: [String]) -> String {
            values.enumerated().map { i, value in
                let cut = value.count > widths[i] ? String(value.prefix(widths[i] - 1)) + "…" : value
                return cut.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        var out = [line(columns), line(widths.map { String(repeating: "-", count: $0) })]
        out += cells.map(line)
        out.append("(\(rows.count) row\(rows.count == 1 ? "" : "s"))")
        return out.joined(separator: "\n")
    }

    private static func json(columns: [String], rows: [[String?]]) -> String {
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (r, row) in rows.enumerated() {
            out.append(contentsOf: (r == 0 ? "\n  {" : ",\n  {").utf8)
            for (i, column) in columns.enumerated() {
                if i > 0 { out.append(contentsOf: ", ".utf8) }
                JSONValue.writeString(column, to: &out)
                out.append(contentsOf: ": ".utf8)
                if let value = row[i] { JSONValue.writeString(value, to: &out) } else { out.append(contentsOf: "null".utf8) }
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: (rows.isEmpty ? "]" : "\n]").utf8)
        return String(decoding: out, as: UTF8.self)
    }

    private static func csv(columns: [String], rows: [[String?]]) -> String {
        CSVText.table(columns: columns, rows: rows)
    }

}
