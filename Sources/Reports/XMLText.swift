/// Text as XML 1.0 can carry it.
enum XMLText {
    /// The text with every character XML 1.0 cannot carry (C0 controls other than tab, LF and
    /// CR; U+FFFE; U+FFFF) replaced by U+FFFD. Escaping `<`, `&` and quotes is the writer's job.
    static func sanitized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !isAllowed($0) }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(isAllowed(scalar) ? scalar : "\u{FFFD}")
        }
        return String(scalars)
    }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0x00..<0x20: false
        case 0xFFFE, 0xFFFF: false
        default: true
        }
    }
}
