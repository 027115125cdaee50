namespace Coding.Core.Accounts;

/// <summary>
/// The roles of issue #6, in one place for the API's policies, the CLI and the audit trail. An account has exactly one.
/// </summary>
public static class Roles
{
    public const string Coder = "coder";
    public const string Manager = "manager";
    public const string Cdi = "cdi";
    public const string Admin = "admin";

    /// <summary>A machine account that may only POST encounters (an EHR interface engine).</summary>
    public const string Ingest = "ingest";

    public static IReadOnlyList<string> All { get; } = [Coder, Manager, Cdi, Admin, Ingest];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);
}
