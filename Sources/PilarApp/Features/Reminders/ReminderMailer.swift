import Foundation

/// Sends reminder digests through the host's sendmail interface (`sendmail -t -i`), which postfix,
/// exim, msmtp and nullmailer all provide; the SMTP relay, its TLS and its credentials are configured
/// there, where operators already manage them, rather than inside Pilar.
struct ReminderMailer {
    let sendmail: String
    let from: String

    /// Set when `PILAR_SENDMAIL` names a program or `/usr/sbin/sendmail` exists.
    static func fromEnvironment() -> ReminderMailer? {
        let environment = ProcessInfo.processInfo.environment
        let path = environment["PILAR_SENDMAIL"].flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/sbin/sendmail"
        guard FileManager.default.isExecutableFile(atPath: path) else { return nil }
        return ReminderMailer(sendmail: path, from: environment["PILAR_MAIL_FROM"] ?? "pilar@localhost")
    }

    static func message(from: String, to: String, subject: String, body: String) -> String {
        // Header values never carry line breaks: an agency name must not be able to add headers.
        let clean = { (text: String) in text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ") }
        return """
            From: \(clean(from))
            To: \(clean(to))
            Subject: =?UTF-8?B?\(Data(clean(subject).utf8).base64EncodedString())?=
            MIME-Version: 1.0
            Content-Type: text/plain; charset=UTF-8
            Content-Transfer-Encoding: 8bit

            \(body)

            """
    }

    func send(to recipient: String, subject: String, body: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sendmail)
        process.arguments = ["-t", "-i"]
        let input = Pipe()
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data(Self.message(from: from, to: recipient, subject: subject, body: body).utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw MailFailed(status: process.terminationStatus) }
    }

    struct MailFailed: Error, CustomStringConvertible {
        let status: Int32
        var description: String { "sendmail exited with status \(status)" }
    }
}
