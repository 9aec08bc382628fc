/// How wide and where a partner app's IP allowlist entries may be (AL-2, AL-3).
package struct AllowlistPolicy: Sendable, Equatable {
    /// AL-2: an IPv4 entry with a shorter prefix than this is too broad.
    package var maxIPv4Prefix = 24
    /// AL-2: an IPv6 entry with a shorter prefix than this is too broad.
    package var maxIPv6Prefix = 48
    /// AL-3: whether private and reserved space (RFC 1918, loopback, CGNAT…) is acceptable.
    package var allowPrivate = false

    package init() {}
}
