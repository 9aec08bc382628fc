import HTTPTypes
import Hummingbird

/// One route a simulator listener serves: a method, a path pattern, and the counter of
/// `SimulatorStats` its requests add to.
///
/// The same value registers the route on a `Router` (`Router.serve(_:state:through:_:)`) and
/// tells `UnroutedRequestMiddleware` which paths are served with another method.
struct SimulatorRoute: Sendable {
    /// The counter a route's requests add to.
    typealias Counter = WritableKeyPath<SimulatorStats, Int> & Sendable

    let method: HTTPRequest.Method
    /// The path pattern, a `{name}` segment standing for one path parameter.
    let path: RouterPath
    /// What every request to the path adds to, whatever its method; `nil` when the listener
    /// counts its requests as a whole.
    let counter: Counter?

    init(_ method: HTTPRequest.Method, _ path: RouterPath, counts counter: Counter?) {
        self.method = method
        self.path = path
        self.counter = counter
    }

    /// Whether a path's segments (split at `/`, without the leading empty one) are this
    /// route's, a `{name}` matching any segment, as the router matches them.
    func matches(_ segments: some Collection<Substring>) -> Bool {
        segments.count == path.components.count && zip(path.components, segments).allSatisfy { $0 ~= $1 }
    }
}
