using Coding.Core.Codebooks;
using Coding.Core.Codebooks.Import;
using Coding.Core.Data;
using Coding.Core.Suggestions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.IntegrationTests.Codebooks;

[Collection(CodebookCollection.Name)]
public class ImportTests(CodebookDatabase fixture)
{
    private async Task<CodebookRelease> Release(CodeSystem system, string version)
    {
        await using var scope = fixture.Scope();
        return await scope.ServiceProvider.GetRequiredService<CodingDbContext>().CodebookReleases.SingleAsync(r => r.System == system && r.Version == version);
    }

    [Fact]
    public async Task icd10cm_fy2026_has_every_line_of_the_order_file_and_its_74719_billable_codes()
    {
        var r = await Release(CodeSystem.Icd10Cm, "2026");
        Assert.Equal((98186, 74719), (r.CodeCount, r.BillableCount));
        Assert.Equal((new DateOnly(2025, 10, 1), new DateOnly(2026, 9, 30)), (r.EffectiveFrom, r.EffectiveTo));
        Assert.False(r.Derived);
        await using var scope = fixture.Scope();
        var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
        Assert.Equal(74719, await db.CodebookCodes.CountAsync(c => c.ReleaseId == r.Id && c.Billable));
    }

    [Fact]
    public async Task icd10cm_fy2026_carries_the_38349_codes_of_the_cms_poa_exempt_list_and_derived_fy2025_none()
    {
        var r = await Release(CodeSystem.Icd10Cm, "2026");
        await using var scope = fixture.Scope();
        var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
        Assert.Equal((38349, 38349), (r.PoaExemptCount, await db.PoaExemptCodes.CountAsync(p => p.ReleaseId == r.Id)));
        Assert.True(await db.PoaExemptCodes.AnyAsync(p => p.ReleaseId == r.Id && p.Code == "Z794"));
        Assert.Null((await Release(CodeSystem.Icd10Cm, "2025")).PoaExemptHash);
        Assert.DoesNotContain(fixture.FirstImport.Warnings, w => w.Contains("POAexempt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task icd10cm_fy2025_is_derived_from_the_addenda_and_matches_their_stated_counts()
    {
        var r = await Release(CodeSystem.Icd10Cm, "2025");
        Assert.True(r.Derived);
        Assert.Equal((74260 + 23324, 74260), (r.CodeCount, r.BillableCount));
        Assert.Equal((new DateOnly(2024, 10, 1), new DateOnly(2025, 9, 30)), (r.EffectiveFrom, r.EffectiveTo));
    }

    [Fact]
    public async Task icd10pcs_fy2026_has_79115_codes_and_914_tables()
    {
        var r = await Release(CodeSystem.Icd10Pcs, "2026");
        Assert.Equal((80029, 79115), (r.CodeCount, r.BillableCount));
        var derived = await Release(CodeSystem.Icd10Pcs, "2025");
        Assert.Equal((78986 + 910, 78986), (derived.CodeCount, derived.BillableCount));
    }

    [Fact]
    public async Task hcpcs_2025_has_every_record_of_the_october_file()
    {
        var r = await Release(CodeSystem.Hcpcs, "2025");
        Assert.Equal((8846, 8463), (r.CodeCount, r.BillableCount));
        Assert.Equal((new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)), (r.EffectiveFrom, r.EffectiveTo));
    }

    [Fact]
    public async Task the_demo_cpt_set_is_loaded_when_no_licensed_file_is_given()
    {
        var r = await Release(CodeSystem.Cpt, "2026");
        Assert.Equal(50, r.CodeCount);
    }

    [Fact]
    public async Task guidelines_and_tabular_notes_are_chunked_and_embedded()
    {
        Assert.True(fixture.FirstImport.NewGuidelineChunks > 300);
        Assert.True(fixture.FirstImport.NewTabularChunks > 1000);
        await using var scope = fixture.Scope();
        var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
        var hiv = await db.GuidelineChunks.FirstAsync(c => c.Source == GuidelineSource.OfficialGuidelines && c.SectionPath == "I.C.1.a.2.a");
        Assert.Equal(2026, hiv.SourceYear);
        Assert.Equal(20, hiv.Page);
        Assert.Equal("hash-v2-256", hiv.Embedder);
        Assert.True(await db.GuidelineChunks.AnyAsync(c => c.SectionPath == "I.C.4.a.2"));
    }

    [Fact]
    public async Task terms_record_their_source_year_and_embedder()
    {
        await using var scope = fixture.Scope();
        var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
        var inclusion = await db.CodebookTerms.FirstAsync(t => t.Code == "A000" && t.Kind == TermKind.Inclusion);
        Assert.Equal(("Classical cholera", 2023, "hash-v2-256"), (inclusion.Text, inclusion.SourceYear, inclusion.Embedder));
        Assert.True(await db.CodebookTerms.AnyAsync(t => t.Kind == TermKind.Drug && t.SourceYear == 2025));
        // Index entries are mapped onto FY2026 codes: none points at a code the release lacks.
        var cm2026 = await db.CodebookReleases.SingleAsync(r => r.System == CodeSystem.Icd10Cm && r.Version == "2026");
        var orphans = await db.CodebookTerms.CountAsync(t => t.System == CodeSystem.Icd10Cm && t.Kind == TermKind.Index
            && !db.CodebookCodes.Any(c => c.ReleaseId == cm2026.Id && c.Code == t.Code));
        Assert.Equal(0, orphans);
    }

    [Fact]
    public async Task an_index_entry_with_only_a_see_also_reference_leads_to_the_codes_it_refers_to()
    {
        // "Abscess - finger (any)" has no code of its own, only "see also Abscess, hand": its words would otherwise find nothing.
        await using var scope = fixture.Scope();
        var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
        var term = await db.CodebookTerms.SingleAsync(t => t.System == CodeSystem.Icd10Cm && t.Text == "Abscess - finger (any) (see also Abscess, hand)");
        Assert.Equal(("L0251", TermKind.Index), (term.Code, term.Kind));
    }

    [Fact]
    public async Task importing_the_same_files_again_changes_nothing()
    {
        await using var scope = fixture.Scope();
        var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
        var terms = await db.CodebookTerms.CountAsync();
        var codes = await db.CodebookCodes.CountAsync();
        var again = await scope.ServiceProvider.GetRequiredService<CodebookImporter>().ImportAsync(new ImportRequest(fixture.SourceRoot), null, default);
        Assert.All(again.Releases, r => Assert.Equal(ReleaseOutcome.Unchanged, r.Outcome));
        Assert.All(again.PoaExempt, p => Assert.Equal(ReleaseOutcome.Unchanged, p.Outcome));
        Assert.Equal((0, 0), (again.NewGuidelineChunks, again.NewTabularChunks));
        Assert.Equal(terms, await db.CodebookTerms.CountAsync());
        Assert.Equal(codes, await db.CodebookCodes.CountAsync());
    }
}
