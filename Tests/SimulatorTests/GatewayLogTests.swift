import Foundation
import PartnerAuditCore
import Simulator
import Testing

@Suite("The simulator writes the partner gateway's access log")
struct GatewayLogTests {
    @Test("Each format's lines read through its preset; rotated, with two malformed lines and a torn last one", arguments: GatewayPreset.allCases)
    func everyFormat(format: GatewayPreset) throws {
        var options = SimulatorOptions()
        options.scale = 2_000
        options.days = 10
        let organization = SimulatedOrganization(options: options, start: Date())
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gateway-sim-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try organization.writeGatewayLog(to: folder.path, format: format, visibleAt: Date())
        #expect(written.files.map { URL(fileURLWithPath: $0).lastPathComponent } == ["access.log.2.gz", "access.log.1", "access.log"])
        let gz = try Data(contentsOf: URL(fileURLWithPath: written.files[0]))
        #expect(gz.prefix(2) == Data([0x1F, 0x8B]))
        var valid = 0, bad = 0
        for file in written.files.dropFirst() {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            for (index, line) in lines.enumerated() where !line.isEmpty {
                let torn = index == lines.count - 1
                do {
                    let request = try GatewayRequest(line: Array(line.utf8), map: format.fieldMap)
                    #expect(!torn, "the last line of access.log is torn")
                    #expect(request.clientID.count > 0 && request.status >= 200)
                    valid += 1
                } catch {
                    if !torn { bad += 1 }
                }
            }
        }
        #expect(bad == written.malformed)
        // The complete lines of the two plain files: the newest 60 % of the requests.
        #expect(valid == written.requests - written.requests * 2 / 5)
        #expect(written.requests > 500)
    }
}
