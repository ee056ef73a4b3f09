using System.Collections.Generic;
using System.Collections.Immutable;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Estuary.Generators.Tests.Incrementality;

/// <summary>The object-graph walk RunGenerator applies to every pipeline output finds what it must.</summary>
public sealed class ModelGraphTests
{
    private sealed record LeakyModel(string Name, Location Where, List<string> Items, ImmutableArray<string> Raw);

    private sealed class ReferenceModel(string name)
    {
        public string Name { get; } = name;
    }

    [Fact]
    public void Roslyn_objects_and_reference_compared_collections_are_reported_with_their_path()
    {
        var problems = ModelGraph.Problems(new LeakyModel("Place", Location.None, ["a"], ["b"]), "Commands[0]");

        Assert.Contains(problems, p => p.StartsWith("Commands[0].Where holds a Location", System.StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Commands[0].Items is a List<String>", System.StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Commands[0].Raw is a ImmutableArray<String>", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Classes_without_value_equality_are_reported()
    {
        Assert.Contains(ModelGraph.Problems(new ReferenceModel("x"), "Module"), p => p.Contains("does not implement IEquatable", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Records_of_strings_enums_and_equatable_arrays_pass()
    {
        var model = new HandlerModel
        {
            Kind = HandlerKind.Command,
            DeclaringType = new TypeRef("global::Shop.OrderService", "OrderService", "Shop.OrderService"),
            Namespace = "Shop",
            IsStatic = false,
            MethodName = "Place",
            RoutingKey = null,
            EndpointId = null,
            Priority = 0,
            Message = new MessageRef("command", "global::Shop.PlaceOrder", "PlaceOrder", "Shop.PlaceOrder", false, false, EquatableArray<string>.Empty),
            Parameters = EquatableArray<ParameterModel>.Empty,
            Return = ReturnKind.Void,
            ResultType = null,
            Attributes = EquatableArray<AttributeModel>.Empty,
            DeclaringTypeHierarchy = new EquatableArray<string>(["global::Shop.OrderService"]),
            Constructor = null,
            PublicSignature = true,
            DeclarationIndex = 0,
            Asynchronous = new AsynchronousModel("orders", 0, 500, null, new RetryModel(1, 2, 100, 2.0, 1000), new DeduplicationModel(null, "message.OrderId")),
        };

        Assert.Empty(ModelGraph.Problems(model, "Commands[0]"));
        Assert.Empty(ModelGraph.Problems((model.DeclaringType, "Shop", model), "BusinessMethods[0]"));
    }
}
