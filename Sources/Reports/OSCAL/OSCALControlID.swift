/// A control reference as an OSCAL token: `SOC2:CC6.1` is `soc2-cc6.1`, `HIPAA:164.308(a)(4)(ii)(B)`
/// is `hipaa-164.308.a.4.ii.b`.
///
/// OSCAL's control ids and finding targets are tokens (a letter or `_`, then letters, digits,
/// `.`, `-` and `_`), which the HIPAA citations' digits and parentheses are not. The reference
/// itself stays in the document as a property beside every token.
enum OSCALControlID {
    static func token(_ reference: String) -> String {
        var out = ""
        for scalar in reference.unicodeScalars {
            switch scalar {
            case ":": out.append("-")
            case "(": out.append(".")
            case ")": break
            case "A"..."Z": out.append(Character(scalar).lowercased())
            case "a"..."z", "0"..."9", ".", "-", "_": out.unicodeScalars.append(scalar)
            default: out.append("_")
            }
        }
        guard let first = out.unicodeScalars.first, ("a"..."z").contains(first) || first == "_" else { return "control-" + out }
        return out
    }
}
