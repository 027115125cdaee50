using System.ComponentModel.DataAnnotations;
using Coding.Core.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Coding.UnitTests.Model;

public sealed class the_model_options
{
    private static List<ValidationResult> Validate(ModelOptions o)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(o, new ValidationContext(o), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void the_default_backend_is_none_and_valid() => Assert.Empty(Validate(new ModelOptions()));

    [Fact]
    public void llama_needs_an_existing_gguf()
    {
        Assert.Contains(Validate(new ModelOptions { Backend = ModelBackend.Llama }), r => r.ErrorMessage!.Contains("ModelPath is required", StringComparison.Ordinal));
        Assert.Contains(Validate(new ModelOptions { Backend = ModelBackend.Llama, Llama = { ModelPath = "/nonexistent/model.gguf" } }), r => r.ErrorMessage!.Contains("does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public void openai_refuses_an_endpoint_that_is_not_allowlisted()
    {
        var o = new ModelOptions { Backend = ModelBackend.OpenAI, OpenAI = { Endpoint = "https://api.example.com/v1", ModelId = "m" } };
        Assert.Contains(Validate(o), r => r.ErrorMessage!.Contains("not in Model:AllowedEndpoints", StringComparison.Ordinal));
        o.AllowedEndpoints.Add(new AllowedEndpoint { Url = "https://api.example.com/v1" });
        Assert.Empty(Validate(o));
    }

    [Theory]
    [InlineData("https://baa.example.org/v1", "https://baa.example.org/v1", true)]
    [InlineData("https://baa.example.org/", "https://baa.example.org/v1", true)]
    [InlineData("https://BAA.example.org/v1", "https://baa.example.org/v1/", true)]
    [InlineData("https://baa.example.org/v1", "http://baa.example.org/v1", false)]
    [InlineData("https://baa.example.org/v1", "https://baa.example.org:8443/v1", false)]
    [InlineData("https://baa.example.org/v1", "https://baa.example.org.evil.test/v1", false)]
    [InlineData("https://baa.example.org/v1", "https://baa.example.org/v10", false)]
    public void the_allowlist_matches_scheme_host_port_and_path_prefix_never_substrings(string allowed, string endpoint, bool match) =>
        Assert.Equal(match, EndpointPolicy.Find(new Uri(endpoint), [new AllowedEndpoint { Url = allowed }]) is not null);

    [Fact]
    public void the_host_refuses_to_start_with_a_non_allowlisted_endpoint()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Model:Backend"] = "openai",
            ["Model:OpenAI:Endpoint"] = "https://api.example.com/v1",
            ["Model:OpenAI:ModelId"] = "m",
            ["Model:AllowedEndpoints:0:Url"] = "https://baa.example.org/v1",
        });
        builder.AddModelAdjudication();
        using var host = builder.Build();
        var e = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<ModelOptions>>().Value);
        Assert.Contains("not in Model:AllowedEndpoints", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void command_line_switches_map_onto_the_configuration_keys()
    {
        var config = new ConfigurationBuilder().AddCommandLine(["--model-backend", "llama", "--model", "/m/x.gguf"], ModelCommandLine.Switches()).Build();
        Assert.Equal("llama", config["Model:Backend"]);
        Assert.Equal("/m/x.gguf", config["Model:Llama:ModelPath"]);
    }
}
