from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('markets', '0001_tax_records'),
    ]

    operations = [
        migrations.AddField(
            model_name='taxcollected',
            name='stripe_calculation',
            field=models.CharField(blank=True, default='', max_length=100),
        ),
        migrations.AddField(
            model_name='taxcollected',
            name='stripe_transaction',
            field=models.CharField(blank=True, default='', max_length=100),
        ),
        migrations.AddField(
            model_name='taxreversal',
            name='refunded',
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=10, null=True),
        ),
        migrations.AddField(
            model_name='taxreversal',
            name='stripe_transaction',
            field=models.CharField(blank=True, default='', max_length=100),
        ),
    ]
