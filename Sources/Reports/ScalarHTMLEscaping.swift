import Mustache

/// HTML escaping by Unicode scalar: the escaping every value the templates print goes through.
///
/// swift-mustache's own HTML escaping looks characters up by Swift `Character`, so a `"`
/// followed by a combining mark (U+0301) is one Character its table does not hold, and it
/// reached an attribute unescaped: a crafted client id closed `id="…"` and added attributes.
/// This escapes `&`, `<`, `>`, `"` and `'` wherever they occur, whatever follows them.
///
/// Every template opens with `pragma`. swift-mustache gives each partial its default HTML
/// escaping again, so each partial says it too; a test checks that every template does.
package struct ScalarHTMLContentType: MustacheContentType {
    /// The name templates select it by.
    package static let name = "HTML_SCALARS"
    /// The first line of every template.
    package static let pragma = "{{% CONTENT_TYPE: \(name) }}"

    /// Makes the content type known to the template parser; call before loading templates.
    static func register() {
        MustacheContentTypes.register(ScalarHTMLContentType(), named: name)
    }

    package func escapeText(_ text: String) -> String {
        Self.escape(text)
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by entities, scalar by scalar.
    package static func escape(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": scalars.append(contentsOf: "&amp;".unicodeScalars)
            case "<": scalars.append(contentsOf: "&lt;".unicodeScalars)
            case ">": scalars.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": scalars.append(contentsOf: "&quot;".unicodeScalars)
            case "'": scalars.append(contentsOf: "&#39;".unicodeScalars)
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
