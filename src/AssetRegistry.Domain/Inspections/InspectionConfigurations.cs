using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AssetRegistry.Domain.Inspections;

public sealed class InspectionRuleConfiguration : IEntityTypeConfiguration<InspectionRule>
{
    public void Configure(EntityTypeBuilder<InspectionRule> b)
    {
        b.ToTable("inspection_rules");
        b.HasKey(r => r.Id);
        b.HasIndex(r => r.Code).IsUnique();
        b.Property(r => r.Code).HasMaxLength(100).IsRequired();
        b.Property(r => r.Collection).HasMaxLength(40).IsRequired();
        b.Property(r => r.InspectionType).HasMaxLength(40).IsRequired();
        b.Property(r => r.FilterAttribute).HasMaxLength(60);
        b.Property(r => r.Checklist).HasMaxLength(40).IsRequired();
        b.Property(r => r.Verification).HasMaxLength(20).IsRequired();
        b.Property(r => r.Version).IsConcurrencyToken();
        b.ToTable(t => t.HasCheckConstraint("ck_inspection_rules_interval", "interval_days between 1 and 36500"));
    }
}

public sealed class InspectionTaskConfiguration : IEntityTypeConfiguration<InspectionTask>
{
    public void Configure(EntityTypeBuilder<InspectionTask> b)
    {
        b.ToTable("inspection_tasks");
        b.HasKey(t => t.Id);
        b.Property(t => t.Id).UseIdentityAlwaysColumn();
        b.Property(t => t.Collection).HasMaxLength(40).IsRequired();
        b.Property(t => t.District).HasMaxLength(6).IsRequired();
        b.Property(t => t.InspectionType).HasMaxLength(40).IsRequired();
        b.Property(t => t.Checklist).HasMaxLength(40).IsRequired();
        b.Property(t => t.Status).HasMaxLength(20).IsRequired();
        b.Property(t => t.Escalation).HasMaxLength(10).IsRequired();
        b.Property(t => t.CompletedBy).HasMaxLength(100);
        b.Property(t => t.SafetyConfirmedBy).HasMaxLength(100);
        b.Property(t => t.Version).IsConcurrencyToken();
        b.HasOne<InspectionRule>().WithMany().HasForeignKey(t => t.RuleId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Campaign>().WithMany().HasForeignKey(t => t.CampaignId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<WorkList>().WithMany().HasForeignKey(t => t.WorkListId).OnDelete(DeleteBehavior.SetNull);
        // The scheduler's idempotency: one task per rule, asset and due date, and one open task per rule and asset.
        b.HasIndex(t => new { t.RuleId, t.AssetId, t.DueDate }).IsUnique().HasFilter("rule_id is not null").HasDatabaseName("ux_inspection_tasks_rule_asset_due");
        b.HasIndex(t => new { t.RuleId, t.AssetId }).IsUnique().HasFilter("rule_id is not null and status = 'open'").HasDatabaseName("ux_inspection_tasks_open_rule_asset");
        b.HasIndex(t => new { t.CampaignId, t.AssetId }).IsUnique().HasFilter("campaign_id is not null").HasDatabaseName("ux_inspection_tasks_campaign_asset");
        b.HasIndex(t => new { t.Status, t.District, t.DueDate }).HasDatabaseName("ix_inspection_tasks_status_district_due");
        b.HasIndex(t => t.AssetId);
        b.HasIndex(t => t.WorkListId);
    }
}

public sealed class CrewConfiguration : IEntityTypeConfiguration<Crew>
{
    public void Configure(EntityTypeBuilder<Crew> b)
    {
        b.ToTable("crews");
        b.HasKey(c => c.Id);
        b.HasIndex(c => c.Name).IsUnique();
        b.Property(c => c.Name).HasMaxLength(100).IsRequired();
        b.ToTable(t => t.HasCheckConstraint("ck_crews_capacity", "capacity_per_day between 1 and 1000"));
    }
}

public sealed class WorkListConfiguration : IEntityTypeConfiguration<WorkList>
{
    public void Configure(EntityTypeBuilder<WorkList> b)
    {
        b.ToTable("work_lists");
        b.HasKey(w => w.Id);
        b.Property(w => w.Id).UseIdentityAlwaysColumn();
        b.Property(w => w.District).HasMaxLength(6).IsRequired();
        b.HasOne<Crew>().WithMany().HasForeignKey(w => w.CrewId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Campaign>().WithMany().HasForeignKey(w => w.CampaignId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(w => new { w.CrewId, w.WorkDate, w.District, w.Sequence }).IsUnique();
    }
}

public sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> b)
    {
        b.ToTable("campaigns");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).UseIdentityAlwaysColumn();
        b.Property(c => c.Reason).HasMaxLength(20).IsRequired();
        b.Property(c => c.Note).HasMaxLength(500);
        b.Property(c => c.Area).HasColumnType("geometry(Polygon,4326)").IsRequired();
        b.Property(c => c.CreatedBy).HasMaxLength(100).IsRequired();
    }
}

public sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> b)
    {
        b.ToTable("alerts");
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).UseIdentityAlwaysColumn();
        b.Property(a => a.Collection).HasMaxLength(40).IsRequired();
        b.Property(a => a.Kind).HasMaxLength(40).IsRequired();
        b.Property(a => a.Message).HasMaxLength(500).IsRequired();
        b.Property(a => a.AcknowledgedBy).HasMaxLength(100);
        b.HasIndex(a => a.AcknowledgedAt);
    }
}
