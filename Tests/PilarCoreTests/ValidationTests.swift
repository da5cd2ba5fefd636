import Foundation
import PilarCore
import Testing

@Suite("Input validation")
struct ValidationTests {
    @Test("e-mail addresses", arguments: [
        ("dinkes@probolinggo.go.id", true), ("a@b.co", true),
        ("no-at-sign", false), ("two@@signs.id", false), ("space @x.id", false), ("x@nodot", false), ("x@.id", false), ("@x.id", false),
    ])
    func email(input: String, valid: Bool) {
        #expect(Validate.isEmail(input) == valid)
    }

    @Test("required and length rules report the field")
    func required() {
        var problems: [FieldProblem] = []
        Validate.required("   ", field: "name", max: 10, into: &problems)
        Validate.required(String(repeating: "x", count: 11), field: "shortName", max: 10, into: &problems)
        Validate.required("Dinkes", field: "ok", max: 10, into: &problems)
        #expect(problems == [FieldProblem(field: "name", key: "error.required"), FieldProblem(field: "shortName", key: "error.too_long")])
    }

    @Test("passwords need ten characters")
    func passwords() {
        #expect(Validate.passwordProblem("short") == "error.password_short")
        #expect(Validate.passwordProblem("long enough pass") == nil)
    }
}

@Suite("Login lock-out")
struct LoginThrottleTests {
    @Test("the fifth failure locks for fifteen minutes and resets the counter")
    func locks() {
        let throttle = LoginThrottle()
        let now = Date(timeIntervalSince1970: 1_000_000)
        var failures = 0
        var lock: Date?
        for _ in 1...4 {
            (failures, lock) = throttle.afterFailure(failures: failures, now: now)
            #expect(lock == nil)
        }
        (failures, lock) = throttle.afterFailure(failures: failures, now: now)
        #expect(failures == 0)
        #expect(lock == now.addingTimeInterval(900))
        #expect(throttle.isLocked(until: lock, now: now.addingTimeInterval(899)))
        #expect(!throttle.isLocked(until: lock, now: now.addingTimeInterval(901)))
    }
}
