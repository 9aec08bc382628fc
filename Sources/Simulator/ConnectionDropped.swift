/// Thrown by a dropping body writer so the server closes the connection mid-body.
struct ConnectionDropped: Error, CustomStringConvertible {
    var description: String { "simulated dropped connection" }
}
