import PilarCore
import Vapor

/// Turns every error into a clear answer: JSON `{"error":{…}}` under `/api`, a page in the reader's
/// language elsewhere, and a redirect to the login page when a page needs a signed-in user.
struct PilarErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let pilarError = Self.classify(error, request: request)
            if pilarError.status == .internalServerError {
                request.logger.report(error: error)
            }
            if request.isAPI {
                return try Self.json(pilarError, request: request)
            }
            if pilarError.status == .unauthorized {
                let next = request.url.path
                return request.redirect(to: "/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "/-._"))) ?? "/"))
            }
            do {
                return try await Self.page(pilarError, request: request)
            } catch {
                // The error page itself failed (e.g. a broken template): still answer, in plain text.
                request.logger.report(error: error)
                let text = request.catalog.text(pilarError.messageKey)
                return Response(status: pilarError.status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: .init(string: text))
            }
        }
    }

    static func classify(_ error: any Error, request: Request) -> PilarError {
        switch error {
        case let error as PilarError:
            return error
        case let abort as any AbortError:
            switch abort.status {
            case .notFound: return .notFound
            case .unauthorized: return .unauthenticated
            case .forbidden: return .forbidden
            case .payloadTooLarge:
                return PilarError(status: .payloadTooLarge, code: "payload_too_large", messageKey: "error.too_large")
            case .unsupportedMediaType:
                return PilarError(status: .unsupportedMediaType, code: "unsupported_media_type", messageKey: "error.bad_request")
            default:
                if abort.status.code < 500 {
                    return PilarError(status: abort.status, code: "bad_request", messageKey: "error.bad_request")
                }
            }
        case is DecodingError:
            return PilarError(status: .badRequest, code: "bad_request", messageKey: "error.bad_request")
        default:
            break
        }
        return PilarError(status: .internalServerError, code: "internal_error", messageKey: "error.internal")
    }

    struct Body: Content {
        struct Detail: Content {
            let code: String
            let message: String
            let fields: [Field]?
        }
        struct Field: Content {
            let field: String
            let message: String
        }
        let error: Detail
    }

    static func json(_ error: PilarError, request: Request) throws -> Response {
        let catalog = Catalog.for(.en)
        var message = catalog.text(error.messageKey)
        if let detail = error.detail { message += " (" + detail + ")" }
        let fields = error.fields.isEmpty ? nil : error.fields.map { Body.Field(field: $0.field, message: catalog.text($0.key)) }
        let response = Response(status: error.status)
        try response.content.encode(Body(error: .init(code: error.code, message: message, fields: fields)))
        if error.status == .unauthorized {
            response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer realm=\"pilar\"")
        }
        if error.status == .tooManyRequests {
            response.headers.replaceOrAdd(name: .retryAfter, value: String(Int(LoginThrottle().lockDuration)))
        }
        return response
    }

    static func page(_ error: PilarError, request: Request) async throws -> Response {
        struct ErrorPage: Encodable {
            let status: UInt
            let messageKey: String
        }
        let context = try await PageContext.make(request, titleKey: "error.title", page: ErrorPage(status: error.status.code, messageKey: error.messageKey))
        let view = try await request.view.render("error", context)
        let response = try await view.encodeResponse(for: request)
        response.status = error.status
        return response
    }
}

extension Request {
    /// The JSON API and Open311 speak JSON errors; everything else is a page.
    var isAPI: Bool {
        let path = url.path
        return path.hasPrefix("/api/") || path == "/api" || path == "/health"
    }
}
