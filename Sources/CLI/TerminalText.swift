/// Text from the source made safe to print on a terminal.
///
/// Client names, user agents and change values are partner-controlled: a raw escape
/// sequence in one could recolour, move or hide what a table shows. Every control character
/// is shown as its code instead — C0 and DEL as `\x1b`, C1, the bidirectional marks and
/// overrides (which reorder what follows) and the Unicode line separators as `\u{202e}` — and a
/// line break as `␤`, so a cell is one line.
enum TerminalText {
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A: out += "␤"
            case 0x0D: continue
            case 0x00...0x1F, 0x7F: out += "\\x" + hex(scalar.value, digits: 2)
            case 0x80...0x9F, 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069:
                out += "\\u{" + hex(scalar.value, digits: 4) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A message of several lines: each line escaped as `escaped(_:)` escapes a cell, the line
    /// breaks between them kept (errors, log lines, `verify` and `doctor` reports quote source text).
    static func escapedLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { escaped(String($0)) }.joined(separator: "\n")
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
