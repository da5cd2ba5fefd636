import Vapor

func registerCommands(_ app: Application) {
    app.asyncCommands.use(SeedCommandGroup(), as: "seed")
    app.asyncCommands.use(UserCommandGroup(), as: "user")
    app.asyncCommands.use(RemindCommand(), as: "remind")
    app.asyncCommands.use(PrivacyCommandGroup(), as: "privacy")
}

struct SeedCommandGroup: AsyncCommandGroup {
    let help = "Load data sets: `seed demo` loads the Kota Probolinggo demonstration region."
    var commands: [String: any AnyAsyncCommand] { ["demo": SeedDemoCommand()] }
}

struct UserCommandGroup: AsyncCommandGroup {
    let help = "Manage accounts: `user create` adds an account for a real deployment."
    var commands: [String: any AnyAsyncCommand] { ["create": CreateUserCommand()] }
}
