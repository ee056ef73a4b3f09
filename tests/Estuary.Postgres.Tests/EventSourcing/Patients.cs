using System;
using System.Text.Json.Serialization;

namespace Estuary.Postgres.Tests.EventSourcing;

public sealed record AdmitPatient(Guid PatientId, string Name, string Ward);

[NamedEvent("pg.patient.admitted")]
public sealed record PatientAdmitted(Guid PatientId, [property: Sensitive] string? Name, string Ward);

/// <summary>Personal data in events on PostgreSQL: the name is stored encrypted with the patient's key.</summary>
[EventSourcingAggregate]
[AggregateType("pg.patient")]
public sealed class Patient
{
    [Identifier]
    public Guid PatientId { get; set; }

    public string? Name { get; set; }

    public string Ward { get; set; } = string.Empty;

    [CommandHandler]
    public static PatientAdmitted Admit(AdmitPatient command) => new(command.PatientId, command.Name, command.Ward);

    [EventSourcingHandler]
    public void On(PatientAdmitted admitted) => (PatientId, Name, Ward) = (admitted.PatientId, admitted.Name, admitted.Ward);
}

[JsonSerializable(typeof(PatientAdmitted))]
[JsonSerializable(typeof(AdmitPatient))]
internal sealed partial class PatientJson : JsonSerializerContext;
