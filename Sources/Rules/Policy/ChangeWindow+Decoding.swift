import PartnerAuditCore

// MARK: - Reading one entry of `changeWindows`

extension ChangeWindow {
    /// Reads the `number`th window (1-based): a weekday and `HH:MM` times in UTC.
    init(_ map: YAMLMapping, number: Int) throws(ConfigurationError) {
        let context = "change window \(number)"
        try map.rejectUnknownKeys(["weekday", "from", "to"], context: context)
        let dayName = try map.requiredString("weekday", in: context)
        guard let weekday = Weekday(name: dayName) else {
            throw map.error("\(context): '\(dayName)' is not a weekday (monday … sunday)", line: map.line(of: "weekday"))
        }
        let from = try Self.minute(map, "from", context: context, allowingMidnightEnd: false)
        let to = try Self.minute(map, "to", context: context, allowingMidnightEnd: true)
        guard from != to else {
            throw map.error("\(context): 'from' and 'to' are the same time, so the window is empty", line: map.line(of: "to"))
        }
        self.init(weekday: weekday, fromMinute: from, toMinute: to, line: map.line)
    }

    /// Minutes after midnight of an `HH:MM` value; `24:00` only as an end.
    private static func minute(
        _ map: YAMLMapping, _ key: String, context: String, allowingMidnightEnd: Bool
    ) throws(ConfigurationError) -> Int {
        let text = try map.requiredString(key, in: context)
        let bytes = Array(text.utf8)
        let digits = bytes.count == 5 && bytes[2] == 0x3A
            && [0, 1, 3, 4].allSatisfy { bytes[$0] >= 0x30 && bytes[$0] <= 0x39 }
        let hours = digits ? Int(bytes[0] - 0x30) * 10 + Int(bytes[1] - 0x30) : -1
        let minutes = digits ? Int(bytes[3] - 0x30) * 10 + Int(bytes[4] - 0x30) : -1
        let valid = digits && minutes < 60 && (hours < 24 || (allowingMidnightEnd && hours == 24 && minutes == 0))
        guard valid else {
            let range = allowingMidnightEnd ? "00:00 to 24:00" : "00:00 to 23:59"
            throw map.error("\(context): '\(key)' must be a UTC time HH:MM from \(range), not '\(text)'", line: map.line(of: key))
        }
        return hours * 60 + minutes
    }
}
