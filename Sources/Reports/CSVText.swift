/// RFC 4180 CSV: fields with a comma, quote, CR or LF are quoted, quotes doubled; every
/// record ends with CRLF.
///
/// Safe to open in a spreadsheet (OWASP's advice on CSV injection): a field that begins with
/// `=`, `+`, `-`, `@`, a tab or a carriage return (after any spaces or invisible characters) gets a leading `'`, so a partner-controlled
/// name such as `=HYPERLINK(…)` is shown as text, never run as a formula. JSON keeps the
/// exact string.
package enum CSVText {
    /// The first characters a spreadsheet reads as the start of a formula.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// The field as a spreadsheet may safely see it: a leading `'` before a formula start, also
    /// when spaces or invisible characters (a no-break or zero-width space, a byte-order mark)
    /// stand before it, which some spreadsheets skip.
    package static func neutralised(_ field: String) -> String {
        let first = field.unicodeScalars.first { !($0.properties.isWhitespace || $0.properties.isDefaultIgnorableCodePoint) || formulaStarts.contains($0) }
        guard let first, formulaStarts.contains(first) else { return field }
        return "'" + field
    }

    /// Appends one record (a missing value is an empty field) and its CRLF.
    package static func appendRecord(_ fields: [String?], to out: inout [UInt8]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            guard let field else { continue }
            let bytes = neutralised(field).utf8
            if bytes.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
                out.append(UInt8(ascii: "\""))
                for byte in bytes {
                    if byte == UInt8(ascii: "\"") { out.append(byte) }
                    out.append(byte)
                }
                out.append(UInt8(ascii: "\""))
            } else {
                out.append(contentsOf: bytes)
            }
        }
        out.append(contentsOf: [0x0D, 0x0A])
    }

    /// A whole table: the header, then every row.
    package static func table(columns: [String], rows: [[String?]]) -> String {
        var out: [UInt8] = []
        appendRecord(columns, to: &out)
        for row in rows { appendRecord(row, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }
}
