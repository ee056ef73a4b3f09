namespace Estuary.SourceGeneration;

/// <summary>
/// Implements an interface of [ProjectionStateGateway] methods over <c>EstuaryProjections</c>: each reads
/// the live version's state, of the projection or of one aggregate's partition.
/// </summary>
internal static class StateGatewayEmitter
{
    private const string Runtime = "global::Estuary.Runtime.ProjectionStateGateways";

    /// <summary>The generated class's name: <c>Shop_ITicketStatsStateGateway</c> for <c>Shop.ITicketStats</c>.</summary>
    public static string ClassName(TypeRef type) => CSharpNames.Member(type.FullName.Replace("global::", string.Empty)) + "StateGateway";

    public static string Emit(ModuleInfo module, StateGatewayModel gateway) =>
        InterfaceImplementation.Emit(
            module,
            gateway.Interface,
            ClassName(gateway.Interface),
            ("Reads the projection states ", " asks for."),
            ("global::Estuary.EstuaryProjections", "projections"),
            gateway.Methods,
            EmitMethod);

    private static void EmitMethod(SourceWriter writer, StateGatewayMethodModel method)
    {
        var token = method.TokenParameter ?? "default";
        var read = method.IdParameter is null
            ? Runtime + ".ReadAsync<" + method.StateType + ">(this._projections, " + CSharpLiterals.String(method.Projection) + ", " + token + ")"
            : Runtime + ".ReadAsync<" + method.StateType + ">(this._projections, " + CSharpLiterals.String(method.Projection) + ", "
                + (method.StreamPrefix is null ? "null" : CSharpLiterals.String(method.StreamPrefix)) + ", " + method.IdParameter + ", " + token + ")";
        writer.Line(method.IdParameter is null
            ? "// The state of projection " + CSharpLiterals.String(method.Projection) + "'s live version."
            : "// The state of the aggregate's partition in projection " + CSharpLiterals.String(method.Projection) + "'s live version.");
        writer.Write(DeclaredMethods.Signature("public async ", method.Declared));
        using (writer.Indented())
        {
            // The state is null before a batch saved one, whether or not the declared type says so.
            writer.Line("=> (await " + read + ".ConfigureAwait(false))!;");
        }
    }
}
