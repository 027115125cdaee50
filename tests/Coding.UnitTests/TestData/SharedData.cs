using Coding.Core.Codebooks;

namespace Coding.UnitTests.TestData;

/// <summary>
/// Finds the shared evaluation data beside the repository (../shared/eval/... from the folder holding Coding.sln).
/// The files are read in place and never copied into the repo (licence and size).
/// </summary>
internal static class SharedData
{
    public static string CodiEspRoot => Path.Combine(RepositoryRoot(), "..", "shared", "eval", "codiesp");

    public static string CodiEspSplit(string split)
    {
        var path = Path.GetFullPath(Path.Combine(CodiEspRoot, split));
        if (!Directory.Exists(path))
            throw new DirectoryNotFoundException($"CodiEsp split '{split}' not found at {path}: these tests need the shared eval data next to the repository.");
        return path;
    }

    private static string RepositoryRoot() =>
        CodebookSources.FindRepoRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException($"No Coding.sln above {AppContext.BaseDirectory}");
}
