import Foundation
import NIOHTTP1

/// One HTTP answer from the source, its body read whole (a page is bounded by `pageSize`).
package struct APIResponse: Sendable {
    package var status: Int
    package var headers: HTTPHeaders
    package var body: [UInt8]

    /// The wait the `Retry-After` header asks for (`RetryAfter`), when it has a usable one.
    package func retryAfter(now: Date) -> Duration? {
        headers.first(name: "Retry-After").flatMap { RetryAfter.parse($0, now: now) }
    }
}
