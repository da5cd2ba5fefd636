import PilarCore
import Vapor

struct NavItem: Encodable {
    let href: String
    let labelKey: String
    let active: Bool
}

struct UserBadge: Encodable {
    let name: String
    let email: String
    let roleKey: String
}

/// What every page's layout needs, around the page's own view model.
struct PageContext<Page: Encodable>: Encodable {
    let lang: String
    let otherLang: String
    let titleKey: String
    let title: String
    let user: UserBadge?
    let nav: [NavItem]
    let csrf: String?
    let flashKey: String?
    let path: String
    let page: Page

    static func make(_ request: Request, titleKey: String, titleSuffix: String? = nil, page: Page, needsCSRF: Bool = false) async throws -> PageContext {
        let user = request.auth.get(AuthUser.self)
        let language = request.language
        var flash: String?
        if request.hasSession, let key = request.session.data[SessionKeys.flash] {
            flash = key
            request.session.data[SessionKeys.flash] = nil
        }
        let title = Catalog.for(language).text(titleKey) + (titleSuffix.map { " – " + $0 } ?? "")
        return PageContext(
            lang: language.rawValue,
            otherLang: language.other.rawValue,
            titleKey: titleKey,
            title: title,
            user: user.map { UserBadge(name: $0.name, email: $0.email, roleKey: "role." + $0.role.rawValue) },
            nav: user.map { Navigation.items(for: $0, path: request.url.path) } ?? [],
            csrf: (user != nil || needsCSRF) ? CSRF.token(for: request) : nil,
            flashKey: flash,
            path: request.url.path,
            page: page
        )
    }
}

extension Request {
    func render<Page: Encodable>(_ template: String, titleKey: String, titleSuffix: String? = nil, _ page: Page, needsCSRF: Bool = false) async throws -> View {
        let context = try await PageContext.make(self, titleKey: titleKey, titleSuffix: titleSuffix, page: page, needsCSRF: needsCSRF)
        return try await view.render(template, context)
    }

    /// Post-redirect-get with a one-time message shown on the next page.
    func redirect(to path: String, flash key: String) -> Response {
        session.data[SessionKeys.flash] = key
        return redirect(to: path, redirectType: .normal)
    }
}

/// The menu each role sees.
enum Navigation {
    static func items(for user: AuthUser, path: String) -> [NavItem] {
        var items: [(String, String)] = []
        if let region = user.homeRegion {
            items.append(("/regions/\(region)", "nav.home"))
            items.append(("/regions/\(region)/dashboard", "nav.dashboard"))
            items.append(("/regions/\(region)/masterplan", "nav.masterplan"))
            items.append(("/regions/\(region)/quick-wins", "nav.quick_wins"))
            items.append(("/regions/\(region)/reports/annual", "reports.nav"))
            if user.role == .agencyOperator, let agency = user.agencyID {
                items.append(("/agencies/\(agency)", "nav.my_agency"))
                items.append(("/regions/\(region)/programmes?agency=\(agency)", "nav.programmes"))
                items.append(("/agencies/\(agency)/report", "nav.report"))
                items.append(("/agencies/\(agency)/reminders", "nav.reminders"))
            } else {
                items.append(("/regions/\(region)/agencies", "nav.agencies"))
                items.append(("/regions/\(region)/programmes", "nav.programmes"))
            }
            if [.regionAdmin, .council].contains(user.role) {
                items.append(("/regions/\(region)/verification", "nav.verification"))
            }
            if user.role == .regionAdmin {
                items.append(("/regions/\(region)/settings", "nav.settings"))
            }
            items.append(("/regions/\(region)/evaluations", "nav.evaluation"))
            items.append(("/regions/\(region)/surveys", "nav.surveys"))
            if [.regionAdmin, .agencyOperator, .council].contains(user.role) {
                items.append(("/regions/\(region)/complaints", "nav.complaints"))
            }
        }
        if user.role == .nationalAdmin || user.role == .assessor {
            items.append(("/cycles", "nav.evaluation"))
        }
        items.append(("/ranking", "nav.ranking"))
        items.append(("/data", "nav.open_data"))
        if user.role == .nationalAdmin || (user.role == .assessor && user.homeRegion == nil) {
            items.append(("/regions", "nav.regions"))
        }
        if user.role == .nationalAdmin || user.role == .regionAdmin {
            items.append(("/users", "nav.users"))
            items.append(("/audit", "nav.audit"))
        }
        items.append(("/tokens", "nav.tokens"))
        // Only the closest match is the current page: the home link is a prefix of every region page.
        let current = items.map(\.0).filter { href in
            let base = String(href.split(separator: "?").first ?? "")
            return path == base || path.hasPrefix(base + "/")
        }.max { $0.count < $1.count }
        return items.map { href, key in NavItem(href: href, labelKey: key, active: href == current) }
    }
}

/// Re-shows a form with its problems next to the fields, keeping what the user typed.
func formError<Page: Encodable>(_ req: Request, _ error: PilarError, template: String, titleKey: String, page: Page) async throws -> Response {
    let view = try await req.render(template, titleKey: titleKey, page, needsCSRF: true)
    let response = try await view.encodeResponse(for: req)
    response.status = error.status
    return response
}

extension Request {
    /// A figure as the reader writes it: `12,5` in Indonesian, `12.5` in English. Forms accept both.
    func number(_ value: Double) -> String {
        let text = ReportController.number(value)
        return language == .id ? text.replacingOccurrences(of: ".", with: ",") : text
    }
}
