from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("checkout", "0002_attempt_unknown_and_failed")]

    operations = [
        migrations.AddField(
            model_name="checkoutattempt",
            name="earlier_payment_ids",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.CreateModel(
            name="ReleasedHold",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("intent_id", models.CharField(max_length=100, unique=True)),
                ("checkout_token", models.UUIDField(db_index=True)),
                ("saleor_payment_id", models.CharField(max_length=100)),
                ("amount", models.DecimalField(decimal_places=2, max_digits=12)),
                ("was", models.CharField(max_length=40)),
                ("released", models.DateTimeField(auto_now_add=True)),
            ],
        ),
    ]
