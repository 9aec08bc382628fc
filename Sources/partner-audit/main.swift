import CLI

await PartnerAudit.runAndExit()
