using System.Text.Json.Nodes;
using Coding.Core.Adjudication;
using Coding.Core.Model;

namespace Coding.UnitTests.Model;

public sealed class the_schema_grammar
{
    private static readonly AdjudicationPrompt.Limits Limits = new(MaxCodes: 3, MaxEvidencePerCode: 2, RationaleMaxLength: 40);

    private static string Grammar() => JsonSchemaToGbnf.Convert(AdjudicationPrompt.Schema(["E11.9", "I10"], [0, 4, 12], Limits));

    private static string Rule(string grammar, string name) =>
        grammar.Split('\n').Single(l => l.StartsWith(name + " ::= ", StringComparison.Ordinal));

    [Fact]
    public void the_code_rule_is_exactly_the_candidate_codes_as_json_strings() =>
        Assert.Equal("""root-codes-item-code ::= ("\"E11.9\"" | "\"I10\"")""", Rule(Grammar(), "root-codes-item-code"));

    [Fact]
    public void evidence_is_one_to_max_sentence_ids_from_the_shown_ones()
    {
        var g = Grammar();
        Assert.Equal("""root-codes-item-evidence-item ::= ("0" | "4" | "12")""", Rule(g, "root-codes-item-evidence-item"));
        Assert.Equal("""root-codes-item-evidence ::= "[" root-codes-item-evidence-item ("," root-codes-item-evidence-item){0,1} "]" """.TrimEnd(), Rule(g, "root-codes-item-evidence"));
    }

    [Fact]
    public void the_codes_array_may_be_empty_and_holds_at_most_max_codes_but_never_more_than_there_are_candidates()
    {
        var codes = Rule(Grammar(), "root-codes");
        Assert.Contains("\"[\" (root-codes-item (\",\" root-codes-item){0,1})? \"]\"", codes, StringComparison.Ordinal);
    }

    [Fact]
    public void the_rationale_is_a_bounded_string_and_confidence_a_probability()
    {
        var g = Grammar();
        Assert.Contains("char{0,40}", Rule(g, "root-codes-item-rationale"), StringComparison.Ordinal);
        Assert.Contains("\"0\" (\".\" [0-9]{1,4})? | \"1\"", Rule(g, "root-codes-item-confidence"), StringComparison.Ordinal);
    }

    [Fact]
    public void properties_come_in_declaration_order_with_no_whitespace()
    {
        var item = Rule(Grammar(), "root-codes-item");
        var order = new[] { "{\\\"code\\\":", ",\\\"evidence\\\":", ",\\\"confidence\\\":", ",\\\"rationale\\\":" }.Select(k => item.IndexOf(k, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
    }

    [Fact]
    public void the_root_rule_is_named_root_for_llama_sampler_init_grammar() =>
        Assert.StartsWith("root ::= ", Grammar().Split('\n').First(l => l.StartsWith("root ", StringComparison.Ordinal)), StringComparison.Ordinal);

    [Theory]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string"}},"required":[],"additionalProperties":false}""", "optional")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}""", "additionalProperties")]
    [InlineData("""{"type":"string","pattern":"^[A-Z]"}""", "pattern")]
    [InlineData("""{"anyOf":[{"type":"string"}]}""", "anyOf")]
    [InlineData("""{"type":"number","minimum":5}""", "bounds")]
    [InlineData("""{"enum":[]}""", "empty enum")]
    public void refuses_what_it_cannot_enforce_instead_of_allowing_more_than_the_schema(string schema, string why)
    {
        var e = Assert.Throws<NotSupportedException>(() => JsonSchemaToGbnf.Convert(JsonNode.Parse(schema)!));
        Assert.Contains(why, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void string_characters_are_printable_ascii_or_escapes_so_length_is_the_same_counted_in_bytes_or_characters() =>
        Assert.Contains("""char ::= [\x20\x21\x23-\x5B\x5D-\x7E] | "\\" (["\\/bfnrt] | "u" [0-9a-fA-F]{4})""", Grammar(), StringComparison.Ordinal);

    [Fact]
    public void literals_escape_quotes_backslashes_and_newlines() =>
        Assert.Equal("\"a\\\"b\\\\c\\n\"", JsonSchemaToGbnf.Literal("a\"b\\c\n"));
}
