import Warehouse

/// The period's client changes: every create, update, delete and secret rotation.
struct ClientChange: Sendable, Hashable {
    struct Field: Sendable, Hashable {
        var name: String
        var old: String
        var new: String
    }

    var event: ClientChangeEvent
    /// The client's name as the history knows it; empty when it never saw the client.
    var clientName: String
    /// Sorted by field name.
    var fields: [Field]
}
