import Hummingbird

/// The `forbid=PATH` fault: answers 403 to every request whose path starts with `PATH`, as the
/// platform does for an OAuth client whose roles lack the permission.
struct ForbiddenPathMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    let state: ServerState

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let forbidden = state.faults.forbiddenPath, request.uri.path.hasPrefix(forbidden) else {
            return try await next(request, context)
        }
        state.count { $0.forbidden += 1 }
        return JSONResponse.error(.forbidden, code: "missing.permissions",
            message: "Unable to perform the requested action. You are missing the following permission(s) for \(request.uri.path).")
    }
}
