import Foundation
import Hummingbird
import PartnerAuditCore

/// Lets through only requests with a bearer token the token endpoint issued and that has not
/// expired; answers the others 401, as the platform does.
struct BearerTokenMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    let state: ServerState
    let clock: any WallClock

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token = Self.bearerToken(request), state.isValid(token: token, now: clock.now) else {
            state.count { $0.unauthorized += 1 }
            return JSONResponse.error(.unauthorized, code: "bad.credentials", message: "Invalid login credentials.")
        }
        return try await next(request, context)
    }

    /// The token of a `Bearer` authorization header.
    private static func bearerToken(_ request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return String(parts[1]).trimmingCharacters(in: .whitespaces)
    }
}
