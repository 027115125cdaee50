using System.Reflection;
using System.Text.RegularExpressions;
using Coding.Core.Model.Llama;

namespace Coding.IntegrationTests.Model;

/// <summary>
/// Our P/Invoke structs list the same fields in the same order as the llama.h scripts/llama.sh installed next to the
/// libraries, so a version bump that adds, drops or reorders a field fails here, by name, before it corrupts memory.
/// (The byte sizes are pinned separately by the unit tests.)
/// </summary>
public sealed partial class the_installed_llama_header
{
    private static readonly string? Header = TinyModel.Vocabulary is null ? null
        : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(TinyModel.Vocabulary)!, "..", "include", "llama.h"));

    [LlamaFact]
    public void has_the_fields_our_structs_mirror_in_the_same_order()
    {
        var header = File.ReadAllText(Header!);
        var pairs = new (string C, Type Ours)[]
        {
            ("llama_model_params", typeof(LlamaNative.ModelParams)),
            ("llama_context_params", typeof(LlamaNative.ContextParams)),
            ("llama_batch", typeof(LlamaNative.Batch)),
            ("llama_token_data", typeof(LlamaNative.TokenData)),
            ("llama_token_data_array", typeof(LlamaNative.TokenDataArray)),
            ("llama_sampler_chain_params", typeof(LlamaNative.SamplerChainParams)),
            ("llama_chat_message", typeof(LlamaNative.ChatMessage)),
        };
        foreach (var (c, ours) in pairs)
        {
            var theirs = FieldsOf(header, c);
            var mine = ours.GetFields(BindingFlags.Public | BindingFlags.Instance).OrderBy(f => f.MetadataToken).Select(f => f.Name.ToLowerInvariant()).ToList();
            Assert.True(theirs.SequenceEqual(mine), $"{c}: llama.h has [{string.Join(", ", theirs)}], we have [{string.Join(", ", mine)}]");
        }
    }

    /// <summary>Field names of <c>struct name { … }</c> in declaration order, underscores dropped, lower case.</summary>
    private static List<string> FieldsOf(string header, string name)
    {
        var m = Regex.Match(header, $@"(?:typedef\s+)?struct\s+{name}\s*\{{(?<body>.*?)\}}", RegexOptions.Singleline);
        Assert.True(m.Success, $"struct {name} not found in llama.h");
        var body = LineComment().Replace(m.Groups["body"].Value, "");
        return body.Split(';')
            .Select(d => d.Trim())
            .Where(d => d.Length > 0)
            .Select(d => LastIdentifier().Match(d).Groups[1].Value.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant())
            .ToList();
    }

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)\s*$")]
    private static partial Regex LastIdentifier();
}
