namespace Coding.Core.Audit;

/// <summary>Who is acting, for the audit trail. Roles: coder, manager, cdi, admin, and system for unattended hosts.</summary>
public sealed record Actor(string Name, string Role, string Origin)
{
    public static Actor Worker { get; } = new("worker", "system", Environment.MachineName);

    /// <summary>Finalizes encounters whose every suggestion cleared its family's proven threshold (issue 21).</summary>
    public static Actor Autonomous { get; } = new("autonomous", "system", Environment.MachineName);

    public static Actor Cli() => new($"cli:{Environment.UserName}", "admin", Environment.MachineName);
}
