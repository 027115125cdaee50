namespace Coding.IntegrationTests.Web;

/// <summary>
/// The review host (coded encounters, one account per role) with the CDI gold sets configured: the repository's
/// six-document cdi-smoke set, which the imported ICD-10-CM excerpt can code in about a second.
/// </summary>
public sealed class ReportsHost : ReviewHost
{
    public override async Task InitializeAsync()
    {
        Settings["Cdi:GoldSets:0:Name"] = "cdi-smoke";
        Settings["Cdi:GoldSets:0:Kind"] = "jsonl";
        Settings["Cdi:GoldSets:0:Path"] = Path.Combine(AppContext.BaseDirectory, "Gold", "cdi-smoke.jsonl");
        Settings["Cdi:GoldSets:0:Description"] = "six synthetic notes";
        await base.InitializeAsync();
    }
}
