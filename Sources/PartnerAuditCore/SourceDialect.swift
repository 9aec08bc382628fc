/// Which shape of the Genesys Cloud API a source speaks (source-api.md).
///
/// `guide` is sections 1–3: per-client scopes and allowlists and the page-numbered
/// `GET /api/v2/auditlogs`. `live` is section 4: role-based grants, an organisation-wide
/// allowlist and the asynchronous audit query with cursor paging. The simulator serves
/// either; the source adapters read either.
package enum SourceDialect: String, Sendable, CaseIterable {
    case guide, live
}
