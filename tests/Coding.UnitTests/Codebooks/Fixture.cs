namespace Coding.UnitTests.Codebooks;

/// <summary>Small excerpts cut from the official CMS/CDC files (see Fixtures/README.md).</summary>
internal static class Fixture
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Codebooks", "Fixtures", name);
}
