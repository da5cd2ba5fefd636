/// Where a reported value stands on its way from the agency to the council.
///
/// draft → submitted (by the agency) → verified (by the region admin) → approved (by the council).
/// At each step the value can be returned with a written reason; it then goes back to draft, because
/// only the agency can change the number and whoever returned it wants to see it again from the start.
/// Approved values are locked: public views show only those.
public enum VerificationState: String, CaseIterable, Codable, Sendable {
    case draft
    case submitted
    case verified
    case approved

    /// The agency may change the value only while it is a draft.
    public var isEditable: Bool { self == .draft }
    public var isLocked: Bool { self == .approved }
}

public enum VerificationAction: String, CaseIterable, Codable, Sendable {
    case submit
    case verify
    case approve
    case `return`
}

/// Who acts at each step, in domain terms; the app maps its roles onto these.
public enum VerificationActor: Sendable, Equatable {
    /// The agency that owns the indicator (its operator), or a planner/region admin acting for it.
    case agency
    /// The region's admin (Diskominfo).
    case regionAdmin
    /// The Dewan Smart City.
    case council
}

public enum VerificationError: Error, Equatable, Sendable {
    case notAllowed(from: VerificationState, action: VerificationAction)
    case wrongActor
    case reasonRequired
}

public enum VerificationFlow {
    /// The state after `action`, or why it cannot happen. A return needs a non-blank reason.
    public static func apply(_ action: VerificationAction, to state: VerificationState, by actor: VerificationActor,
                             reason: String? = nil) throws(VerificationError) -> VerificationState {
        switch (state, action) {
        case (.draft, .submit):
            guard actor == .agency || actor == .regionAdmin else { throw .wrongActor }
            return .submitted
        case (.submitted, .verify):
            guard actor == .regionAdmin else { throw .wrongActor }
            return .verified
        case (.verified, .approve):
            guard actor == .council else { throw .wrongActor }
            return .approved
        case (.submitted, .return):
            guard actor == .regionAdmin else { throw .wrongActor }
            return try returned(reason)
        case (.verified, .return):
            guard actor == .council || actor == .regionAdmin else { throw .wrongActor }
            return try returned(reason)
        default:
            throw .notAllowed(from: state, action: action)
        }
    }

    private static func returned(_ reason: String?) throws(VerificationError) -> VerificationState {
        guard let reason, !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .reasonRequired }
        return .draft
    }
}
