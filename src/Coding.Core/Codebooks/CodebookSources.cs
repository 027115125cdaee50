namespace Coding.Core.Codebooks;

/// <summary>Where the official files are read from. They are read in place and never copied into the repository.</summary>
public static class CodebookSources
{
    public const string EnvironmentVariable = "CODING_CODEBOOKS";

    /// <summary>
    /// The configured folder, else $CODING_CODEBOOKS, else ../shared/codebooks beside the repository root (the folder
    /// holding Coding.sln, found from the working directory or the binaries' folder). Null when none exists.
    /// </summary>
    public static string? ResolveRoot(string? configured = null)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured);
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } env) return Path.GetFullPath(env);
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            if (FindRepoRoot(start) is { } repo)
            {
                var shared = Path.GetFullPath(Path.Combine(repo, "..", "shared", "codebooks"));
                if (Directory.Exists(shared)) return shared;
            }
        }
        return null;
    }

    public static string? FindRepoRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Coding.sln"))) return dir.FullName;
        return null;
    }
}
