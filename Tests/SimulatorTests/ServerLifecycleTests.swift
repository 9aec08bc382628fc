import Foundation
import Logging
import PartnerAuditCore
import Testing
@testable import Simulator

@Suite("Server lifecycle")
struct ServerLifecycleTests {
    @Test("A port already in use fails the start with a SimulatorError")
    func busyPortFailsTheStart() async throws {
        try await SimulatorFixture.with { fixture in
            let organization = SimulatedOrganization(options: SimulatorOptions(scale: 1_000), start: SimulatorFixture.start)
            let logger = Logger(label: "busy-port") { _ in SwiftLogNoOpLogHandler() }
            await #expect {
                _ = try await SimulatorServer.start(organization: organization, port: fixture.server.port, clock: fixture.clock, logger: logger)
            } throws: { error in
                (error as? SimulatorError)?.code == .serverFailedToStart
            }
        }
    }

    @Test("After shutdown the port refuses connections")
    func shutdownStopsServing() async throws {
        let fixture = try await SimulatorFixture.start()
        let token = try await fixture.client.bearer()
        #expect(try await fixture.client.get("/api/v2/oauth/clients", token: token).status == 200)
        await fixture.stop()
        await #expect(throws: (any Error).self) {
            _ = try await fixture.client.get("/api/v2/oauth/clients", token: token)
        }
        #expect(fixture.server.baseURL == "http://127.0.0.1:\(fixture.server.port)")
    }

    @Test("Options outside what can be served are refused by validate()")
    func optionsAreValidated() throws {
        #expect(throws: SimulatorError.self) { try SimulatorOptions(scale: 10_000_001).validate() }
        #expect(throws: SimulatorError.self) { try SimulatorOptions(days: 0).validate() }
        #expect(throws: SimulatorError.self) { try SimulatorOptions(clientSecret: "").validate() }
        try SimulatorOptions(scale: 10_000_000, days: 3650).validate()
    }
}
