import Foundation
import Testing
@testable import PartnerAuditCore

@Suite("Timestamps")
struct TimestampTests {
    @Test("The canonical form always has milliseconds and a Z")
    func canonicalForm() {
        #expect(Timestamp.format(milliseconds: 0) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.format(milliseconds: 1_790_812_799_123) == "2026-09-30T23:59:59.123Z")
    }

    @Test("Milliseconds are optional when parsing, and extra digits are truncated")
    func parsesFractions() {
        #expect(Timestamp.parseMilliseconds("2026-09-30T23:59:59Z") == 1_790_812_799_000)
        #expect(Timestamp.parseMilliseconds("2026-09-30T23:59:59.1Z") == 1_790_812_799_100)
        #expect(Timestamp.parseMilliseconds("2026-09-30T23:59:59.123456Z") == 1_790_812_799_123)
    }

    @Test("Anything but UTC ISO 8601 is refused", arguments: [
        "2026-09-30", "2026-09-30T23:59:59+02:00", "2026-13-01T00:00:00Z", "2026-09-30 23:59:59Z", "yesterday", "",
    ])
    func refusesOtherForms(text: String) {
        #expect(Timestamp.parseMilliseconds(text) == nil)
    }

    @Test("Format and parse agree over leap years and centuries")
    func roundTrip() {
        for ms: Int64 in [951_782_400_000, 4_107_542_400_000, 1_709_164_800_999, -86_400_000, 253_402_300_799_999] {
            #expect(Timestamp.parseMilliseconds(Timestamp.format(milliseconds: ms)) == ms)
        }
        let date = Date(timeIntervalSince1970: 1_790_812_799.5)
        #expect(Timestamp.format(date) == ISO8601DateFormatter.withMilliseconds.string(from: date))
    }

    @Test("Formatting writes what Foundation's ISO 8601 formatter writes, from 1970 to 9999")
    func agreesWithFoundation() {
        let formatter = ISO8601DateFormatter.withMilliseconds
        let latest: Int64 = 253_402_300_799_999
        // Steps of a prime number of milliseconds reach every digit of every field.
        for ms in stride(from: Int64(0), through: latest, by: 25_147_483_643_777) + [latest, 86_399_999, 951_868_799_999] {
            let date = Date(timeIntervalSince1970: TimeInterval(ms / 1000)).addingTimeInterval(Double(ms % 1000) / 1000 + 0.000_1)
            #expect(Timestamp.format(milliseconds: ms) == formatter.string(from: date), "at \(ms) ms")
        }
    }
}

extension ISO8601DateFormatter {
    static var withMilliseconds: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
