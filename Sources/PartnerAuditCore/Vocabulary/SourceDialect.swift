/// Which API shape the source speaks (source-api.md): the guide's, or Genesys Cloud's as served.
package enum SourceDialect: String, Sendable, CaseIterable {
    /// Per-client scopes and allowlists, the page-numbered `GET /api/v2/auditlogs` (sections 1–3).
    case guide
    /// Role-based grants, the organisation-wide allowlist, the asynchronous audit query (section 4).
    case live
}
