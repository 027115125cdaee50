using Coding.Core.Codebooks.Parsing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coding.Core.Codebooks;

/// <summary>
/// A Tabular List instruction on an ICD-10-CM code or header (Excludes1/2, code first, use additional code, code also,
/// includes, 7th-character definitions), kept structured for the validation step. Stored once per (code, kind, text)
/// with the year of the Tabular List it came from; only for codes that exist in a loaded release.
/// </summary>
public class CodebookNote
{
    public long Id { get; set; }
    public string Code { get; set; } = "";
    public TabularNoteKind Kind { get; set; }
    public string Text { get; set; } = "";
    public int SourceYear { get; set; }
}

internal sealed class CodebookNoteConfiguration : IEntityTypeConfiguration<CodebookNote>
{
    public void Configure(EntityTypeBuilder<CodebookNote> e)
    {
        e.HasIndex(x => x.Code);
        e.Property(x => x.Code).HasMaxLength(8);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
    }
}
