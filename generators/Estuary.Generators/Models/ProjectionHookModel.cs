namespace Estuary.SourceGeneration;

/// <summary>A projection lifecycle method: which hook it is and how to call it.</summary>
internal sealed record ProjectionHookModel
{
    /// <summary>The hook: Initialize, Reset, ResetPartition, Delete or Flush (the definition's method it overrides, without Async).</summary>
    public required string Kind { get; init; }

    /// <summary>The method's name, unescaped.</summary>
    public required string MethodName { get; init; }

    /// <summary>Whether the method is static (else it runs on the class resolved from the batch's services).</summary>
    public required bool IsStatic { get; init; }

    /// <summary>Whether it returns a Task or ValueTask to await.</summary>
    public required bool IsAsync { get; init; }

    /// <summary>Each parameter's type, <c>global::</c>-qualified; a CancellationToken gets the batch's token, a string the partition's key (ResetPartition), any other type is resolved as a service.</summary>
    public required EquatableArray<string> ParameterTypes { get; init; }
}
