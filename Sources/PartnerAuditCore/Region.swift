/// Genesys Cloud regions and their API and login hosts (source-api.md section 4).
package enum Region {
    /// Region name → domain, e.g. `us-east-1` → `mypurecloud.com`.
    package static let domains: [String: String] = [
        "us-east-1": "mypurecloud.com", "us-east-2": "use2.us-gov-pure.cloud", "us-west-2": "usw2.pure.cloud",
        "ca-central-1": "cac1.pure.cloud", "sa-east-1": "sae1.pure.cloud", "eu-west-1": "mypurecloud.ie",
        "eu-west-2": "euw2.pure.cloud", "eu-central-1": "mypurecloud.de", "eu-central-2": "euc2.pure.cloud",
        "me-central-1": "mec1.pure.cloud", "ap-south-1": "aps1.pure.cloud", "ap-northeast-1": "mypurecloud.jp",
        "ap-northeast-2": "apne2.pure.cloud", "ap-northeast-3": "apne3.pure.cloud", "ap-southeast-2": "mypurecloud.com.au",
    ]

    /// The API and login base URLs of a region; `nil` for an unknown name.
    package static func urls(for region: String) -> (api: String, login: String)? {
        guard let domain = domains[region] else { return nil }
        return ("https://api.\(domain)", "https://login.\(domain)")
    }
}
