from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('staff', '0004_order_returns'),
    ]

    operations = [
        migrations.AddField(
            model_name='orderreturn',
            name='shipping_refunded',
            field=models.BooleanField(default=False),
        ),
    ]
