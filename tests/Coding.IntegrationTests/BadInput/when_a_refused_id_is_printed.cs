using System.Text;
using Coding.Cli.Commands;
using Coding.Core.Audit;
using Coding.Core.Ingest;
using Coding.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.IntegrationTests.BadInput;

/// <summary>`coding ingest` prints refused lines with the id the input gave: the input must not be able to forge or flood them.</summary>
public sealed class when_a_refused_id_is_printed(PipelineHarness harness) : IClassFixture<PipelineHarness>
{
    [Fact]
    public async Task a_newline_an_escape_sequence_and_5000_characters_come_out_escaped_on_one_short_line()
    {
        var forged = "X\n\u001b[2K\u001b[32mencounters.jsonl:2: stored" + new string('A', 5000);
        var line = $$"""{"externalId": {{System.Text.Json.JsonSerializer.Serialize(forged)}}, "setting": "outpatient", "dateOfService": "2026-03-02", "note": "Essential hypertension."}""";
        await using var scope = harness.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<JsonlIngest>()
            .IngestAsync(new MemoryStream(Encoding.UTF8.GetBytes(line + "\n")), new Actor("test", "admin", "test"), default);

        var printed = IngestCommand.RefusalLine("encounters.jsonl", Assert.Single(report.Errors));

        Assert.StartsWith("encounters.jsonl:1: refused (\"X\\u000A\\u001B[2K\\u001B[32mencounters.jsonl:2: stored", printed, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', printed);
        Assert.DoesNotContain('\u001b', printed);
        Assert.True(printed.Length < 300, $"{printed.Length} characters");
        Assert.Contains("more characters)", printed, StringComparison.Ordinal);
        Assert.EndsWith(": externalId must be 1-128 characters of letters, digits, '.', '_', ':' or '-'", printed, StringComparison.Ordinal);
    }
}
