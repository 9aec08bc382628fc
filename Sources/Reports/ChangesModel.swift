import PartnerAuditCore

/// Section 5: every change of an OAuth client in the period.
struct ChangesModel {
    struct Change {
        struct Field {
            var name: String
            var old: String
            var new: String
        }

        var timestamp: String
        var eventID: String
        var actor: String
        var action: String
        var client: String
        var clientID: String
        var fields: [Field]
        /// What to say when the event recorded no field changes.
        var noFieldsNote: String?
    }

    /// What a change without recorded fields did.
    static func note(forAction action: AuditAction) -> String {
        switch action {
        case .clientSecretRotated: "secret rotated"
        case .clientCreated: "client created (no field details recorded)"
        case .clientDeleted: "client deleted"
        default: "no field details recorded"
        }
    }

    /// More than this many changes are summarised; report.xml lists them all.
    static let shownLimit = 500

    var changes: [Change]
    var none: Bool
    var count: String
    var hiddenNote: String?

    init(_ changes: [ClientChange]) {
        none = changes.isEmpty
        count = DisplayText.plural(changes.count, "change")
        hiddenNote = changes.count > Self.shownLimit
            ? "Showing the first \(DisplayText.count(Self.shownLimit)) of \(DisplayText.count(changes.count)); report.xml and events.csv.gz (with --with-events) hold them all."
            : nil
        self.changes = changes.prefix(Self.shownLimit).map { change in
            Change(timestamp: DisplayText.time(change.event.timestamp), eventID: change.event.eventID, actor: change.event.actorID,
                   action: change.event.action.text.replacingOccurrences(of: "oauthclient.", with: ""),
                   client: change.clientName.isEmpty ? change.event.clientID : change.clientName, clientID: change.event.clientID,
                   fields: change.fields.map { Change.Field(name: $0.name, old: $0.old, new: $0.new) },
                   noFieldsNote: change.fields.isEmpty ? Self.note(forAction: change.event.action) : nil)
        }
    }
}
