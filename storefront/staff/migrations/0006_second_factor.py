import django.db.models.deletion
from django.db import migrations, models


def end_password_only_sessions(apps, schema_editor) -> None:
    """Everyone signed in before the second factor existed signs in again, with it."""
    apps.get_model("staff", "StaffSession").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ('staff', '0005_orderreturn_shipping_refunded'),
    ]

    operations = [
        migrations.CreateModel(
            name='SecondFactor',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email', models.EmailField(max_length=254, unique=True)),
                ('seed', models.CharField(max_length=64)),
                ('confirmed', models.DateTimeField(blank=True, null=True)),
                ('last_time_step', models.BigIntegerField(blank=True, null=True)),
                ('created', models.DateTimeField(auto_now_add=True)),
            ],
        ),
        migrations.AddField(
            model_name='staffsession',
            name='awaiting_second_factor',
            field=models.BooleanField(default=False),
        ),
        migrations.CreateModel(
            name='RecoveryCode',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code_hash', models.CharField(max_length=64)),
                ('used', models.DateTimeField(blank=True, null=True)),
                ('second_factor', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='recovery_codes', to='staff.secondfactor')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('second_factor', 'code_hash'), name='one_recovery_code_per_hash')],
            },
        ),
        migrations.RunPython(end_password_only_sessions, migrations.RunPython.noop),
    ]
