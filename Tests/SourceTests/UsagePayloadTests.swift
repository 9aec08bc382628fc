import Foundation
import PartnerAuditCore
import Source
import Testing

/// The vendor's published API Usage payloads (`Payloads/`, copied from the reference) read by
/// the live adapter: every valid-JSON file whole, and every whole row of the truncated ones.
@Suite("API usage payloads from the vendor's examples")
struct UsagePayloadTests {
    private static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Payloads")

    private func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: Self.folder.appendingPathComponent(name)))
    }

    /// The innermost `{…}` objects of a text, braces inside strings ignored: a truncated file's whole rows.
    private func wholeObjects(_ text: String) -> [String] {
        var objects: [String] = []
        var start: String.Index?
        var inString = false, escaped = false
        for index in text.indices {
            let character = text[index]
            if inString {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
                continue
            }
            switch character {
            case "\"": inString = true
            case "{": start = index
            case "}":
                if let open = start { objects.append(String(text[open...index])) }
                start = nil
            default: break
            }
        }
        return objects
    }

    @Test("Both submission answers give the executionId the results are read from")
    func submissionAnswers() throws {
        let blog = try LiveUsageQuery.executionID(try bytes("POST_api_v2_usage_query.response.blog-example.json"), request: "blog")
        #expect(blog == "9f32b7cf-7418-4cc1-b4e7-a37f7cd870e1")
        let blueprint = try LiveUsageQuery.executionID(try bytes("POST_api_v2_usage_query.response.blueprint-example.json"), request: "blueprint")
        #expect(blueprint == "7157a113-2751-4e38-85c4-c386cb9e22a4")
        #expect(throws: SourceError.self) { try LiveUsageQuery.executionID(Array(#"{"resultsUri":"/x"}"#.utf8), request: "none") }
    }

    @Test("A running query's answer is Running with no rows")
    func runningAnswer() throws {
        let answer = try LiveUsageQuery.answer(try bytes("GET_api_v2_usage_query_executionId_results.running.blog-example.json"), request: "blog")
        #expect(answer.status == "Running")
        #expect(answer.rows.isEmpty)
    }

    @Test("Every whole day-grouped row lands in client, template, method, day and the six figures")
    func dayGroupedRows() throws {
        let text = String(decoding: try bytes("GET_api_v2_usage_query_executionId_results.complete.day-groupBy-client-templateUri.blog-example.txt"), as: UTF8.self)
        let objects = wholeObjects(text)
        #expect(objects.count == 2)
        let rows = try objects.map { try APIUsageRow(usageJSON: try JSONParser.parse(Array($0.utf8))) }
        #expect(rows[0] == APIUsageRow(
            clientID: "7de3af06-c0b3-4f9b-af45-72f4a14037cc", clientName: "Client Creds", templateURI: "api/v2/notifications/availabletopics",
            method: "", day: "2020-02-02", figures: UsageFigures(requests: 6, status200: 6)))
        #expect(rows[1].templateURI == "api/v2/notifications/channels")
        #expect(rows[1].day == "2020-02-27")
        #expect(rows[1].figures == UsageFigures(requests: 2, status200: 2))
        #expect(rows[1].endpointPath == "/api/v2/notifications/channels")
    }

    @Test("The blueprint's flattened rows keep their 5xx count, and a whole results answer reads the same")
    func ndjsonRows() throws {
        let lines = String(decoding: try bytes("GET_api_v2_usage_query_executionId_results.results-as-ndjson.blueprint-example.txt"), as: UTF8.self)
            .split(separator: "\n").filter { $0.hasPrefix("{") }
        #expect(lines.count == 2)
        let rows = try lines.map { try APIUsageRow(usageJSON: try JSONParser.parse(Array($0.utf8))) }
        #expect(rows[0].clientID == "d57acb58-54a8-44ce-bafa-0c273a357a94")
        #expect(rows[0].clientName == "Sample Client Credentials")
        #expect(rows[0].day == "2021-01-12")
        #expect(rows[0].figures == UsageFigures(requests: 4, status200: 3, status500: 1))
        #expect(rows[1].figures == UsageFigures(requests: 16, status200: 16))

        let answer = try LiveUsageQuery.answer(Array(#"{"results":[\#(lines.joined(separator: ","))],"queryStatus":"Complete"}"#.utf8), request: "whole")
        #expect(answer.status == "Complete")
        #expect(answer.rows == rows)
    }

    @Test("Rows without a day (queries not grouped by day) are refused, naming the date field")
    func undatedRowsRefused() throws {
        for name in ["GET_api_v2_usage_query_executionId_results.complete.default-grouping.blog-example.txt",
                     "GET_api_v2_usage_query_executionId_results.complete.groupBy-client-templateUri.blog-example.txt"] {
            let objects = wholeObjects(String(decoding: try bytes(name), as: UTF8.self))
            #expect(objects.count == 3, "\(name)")
            for object in objects {
                let error = #expect(throws: SourceDataError.self) { try APIUsageRow(usageJSON: try JSONParser.parse(Array(object.utf8))) }
                #expect(error?.field == "date")
            }
            let answer = Array(#"{"results":[\#(objects.joined(separator: ","))],"queryStatus":"Complete"}"#.utf8)
            let refused = #expect(throws: SourceError.self) { try LiveUsageQuery.answer(answer, request: name) }
            #expect(refused?.code == .malformedResponse)
            #expect(refused?.message.contains("row 1") == true)
        }
    }

    @Test("A NUL in a row's text is refused, naming the field: the client_name column would end there")
    func nulRefused() throws {
        let row = #"{"clientId":"c1","clientName":"X\u0000 shadow","date":"2026-09-30T00:00:00Z","requests":1}"#
        let error = #expect(throws: SourceDataError.self) { try APIUsageRow(usageJSON: try JSONParser.parse(Array(row.utf8))) }
        #expect(error?.field == "clientName")
    }

    @Test("A negative or fractional count is an error naming the field")
    func badCountsRefused() throws {
        let row = #"{"clientId":"c1","date":"2026-09-30T00:00:00Z","requests":-1}"#
        let error = #expect(throws: SourceDataError.self) { try APIUsageRow(usageJSON: try JSONParser.parse(Array(row.utf8))) }
        #expect(error?.field == "requests")
    }
}
