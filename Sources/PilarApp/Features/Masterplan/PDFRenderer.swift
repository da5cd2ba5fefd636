import Foundation
import Vapor

/// Turns a rendered page into a PDF with headless Chromium (Debian's `chromium`), whose layout
/// engine handles the stylesheet and SVG charts exactly as the browser shows them.
enum PDFRenderer {
    struct Unavailable: Error {}

    static var chromium: String? {
        let candidates = [ProcessInfo.processInfo.environment["PILAR_CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Renders `html` (self-contained: styles inline, no external requests) to PDF bytes.
    static func pdf(fromHTML html: String, on app: Application) async throws -> Data {
        guard let chromium else { throw Unavailable() }
        return try await app.threadPool.runIfActive {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pilar-pdf-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let input = folder.appendingPathComponent("book.html"), output = folder.appendingPathComponent("book.pdf")
            try Data(html.utf8).write(to: input)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: chromium)
            process.arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-pdf-header-footer",
                                 "--user-data-dir=\(folder.path)/profile", "--print-to-pdf=\(output.path)", input.absoluteString]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // A stuck converter must not hold a request forever.
            let deadline = Date().addingTimeInterval(60)
            while process.isRunning, Date() < deadline { usleep(50_000) }
            if process.isRunning { process.terminate(); throw Abort(.gatewayTimeout) }
            guard let data = try? Data(contentsOf: output), data.starts(with: Array("%PDF".utf8)) else { throw Abort(.internalServerError) }
            return data
        }
    }
}
