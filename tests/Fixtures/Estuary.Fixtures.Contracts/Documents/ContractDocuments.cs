using System.Text.Json.Serialization;

namespace Estuary.Fixtures.Contracts;

public sealed record Customer(string Name, int Visits, Address? Address = null);

public sealed record Address(string City, string Street);

/// <summary>A counter that concurrent writers increment.</summary>
public sealed record Counter(int Value);

/// <summary>Mutable, to show that a store keeps a copy rather than the instance it was given.</summary>
public sealed class Note
{
    public string Text { get; set; } = "";
}

// "Side" sorts before "$type" in jsonb (shorter keys first): reading it back needs out-of-order metadata.
[JsonPolymorphic]
[JsonDerivedType(typeof(Square), "square")]
[JsonDerivedType(typeof(Circle), "circle")]
public abstract record Shape;

public sealed record Square(double Side) : Shape;

public sealed record Circle(double Radius) : Shape;

/// <summary>Deliberately missing from <see cref="ContractJson"/>.</summary>
public sealed record Unlisted(string Text);

/// <summary>The metadata of the contract's document types; implementations' tests compose it into their store's options.</summary>
[JsonSerializable(typeof(Customer))]
[JsonSerializable(typeof(Counter))]
[JsonSerializable(typeof(Note))]
[JsonSerializable(typeof(Shape))]
public sealed partial class ContractJson : JsonSerializerContext;
