namespace Estuary.SourceGeneration;

/// <summary>The message parameter of a handler and the facts the registry needs about its type.</summary>
internal sealed record MessageRef(
    string ParameterName,
    string TypeName,
    string ShortName,
    string MessageName,
    bool IsValueType,
    bool IsAbstract,
    EquatableArray<string> AssignableTo)
{
    /// <summary>The schema revision ([Revision]; 1 by default) stored with the message as an event.</summary>
    public int Revision { get; init; } = 1;

    /// <summary>The members marked [Sensitive], stored encrypted when the message is an event.</summary>
    public EquatableArray<string> SensitiveMembers { get; init; } = EquatableArray<string>.Empty;
}
