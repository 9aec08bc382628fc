/// One event of a merged window: generated (by index) or planted.
enum AuditLogEntry {
    case generated(Int)
    case planted(PlantedEvent)
}
