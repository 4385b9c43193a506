from typing import Any

from .base_client import BaseClient
from .cart import Cart
from .cart_create import CartCreate
from .cart_line_delete import CartLineDelete
from .cart_lines_add import CartLinesAdd
from .cart_lines_update import CartLinesUpdate
from .checkout_add_promo_code import CheckoutAddPromoCode
from .checkout_complete import CheckoutComplete
from .checkout_payment_create import CheckoutPaymentCreate
from .checkout_remove_promo_code import CheckoutRemovePromoCode
from .checkout_set_details import CheckoutSetDetails
from .checkout_set_shipping_method import CheckoutSetShippingMethod
from .enums import CountryCode
from .input_types import AddressInput, CheckoutLineInput
from .order_capture import OrderCapture
from .order_for_buyer import OrderForBuyer
from .order_refund import OrderRefund
from .payment_amounts import PaymentAmounts
from .payment_for_completion import PaymentForCompletion
from .payment_void import PaymentVoid
from .product_details import ProductDetails
from .shop_countries import ShopCountries
from .shop_status import ShopStatus


def gql(q: str) -> str:
    return q


class SaleorGraphQLClient(BaseClient):
    def cart(self, token: Any, **kwargs: Any) -> Cart:
        query = gql("""
            query Cart($token: UUID!) {
              checkout(token: $token) {
                ...CartDetails
              }
            }

            fragment AddressFields on Address {
              firstName
              lastName
              companyName
              streetAddress1
              streetAddress2
              city
              postalCode
              country {
                code
                country
              }
              countryArea
              phone
            }

            fragment CartDetails on Checkout {
              id
              token
              email
              quantity
              voucherCode
              discountName
              discount {
                ...MoneyFields
              }
              lines {
                id
                quantity
                totalPrice {
                  gross {
                    ...MoneyFields
                  }
                }
                variant {
                  id
                  sku
                  quantityAvailable
                  product {
                    name
                    slug
                    thumbnail {
                      url
                      alt
                    }
                  }
                }
              }
              subtotalPrice {
                gross {
                  ...MoneyFields
                }
              }
              shippingPrice {
                gross {
                  ...MoneyFields
                }
              }
              totalPrice {
                gross {
                  ...MoneyFields
                }
                tax {
                  ...MoneyFields
                }
              }
              isShippingRequired
              shippingAddress {
                ...AddressFields
              }
              shippingMethod {
                id
                name
              }
              availableShippingMethods {
                id
                name
                price {
                  ...MoneyFields
                }
              }
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {"token": token}
        response = self.execute(
            query=query, operation_name="Cart", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Cart.model_validate(data)

    def cart_create(
        self, lines: list[CheckoutLineInput], email: str, **kwargs: Any
    ) -> CartCreate:
        query = gql("""
            mutation CartCreate($lines: [CheckoutLineInput]!, $email: String!) {
              checkoutCreate(input: {lines: $lines, email: $email}) {
                checkout {
                  ...CartDetails
                }
                checkoutErrors {
                  ...CheckoutErrorFields
                }
              }
            }

            fragment AddressFields on Address {
              firstName
              lastName
              companyName
              streetAddress1
              streetAddress2
              city
              postalCode
              country {
                code
                country
              }
              countryArea
              phone
            }

            fragment CartDetails on Checkout {
              id
              token
              email
              quantity
              voucherCode
              discountName
              discount {
                ...MoneyFields
              }
              lines {
                id
                quantity
                totalPrice {
                  gross {
                    ...MoneyFields
                  }
                }
                variant {
                  id
                  sku
                  quantityAvailable
                  product {
                    name
                    slug
                    thumbnail {
                      url
                      alt
                    }
                  }
                }
              }
              subtotalPrice {
                gross {
                  ...MoneyFields
                }
              }
              shippingPrice {
                gross {
                  ...MoneyFields
                }
              }
              totalPrice {
                gross {
                  ...MoneyFields
                }
                tax {
                  ...MoneyFields
                }
              }
              isShippingRequired
              shippingAddress {
                ...AddressFields
              }
              shippingMethod {
                id
                name
              }
              availableShippingMethods {
                id
                name
                price {
                  ...MoneyFields
                }
              }
            }

            fragment CheckoutErrorFields on CheckoutError {
              field
              code
              message
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {"lines": lines, "email": email}
        response = self.execute(
            query=query, operation_name="CartCreate", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return CartCreate.model_validate(data)

    def cart_lines_add(
        self, checkout_id: str, lines: list[CheckoutLineInput], **kwargs: Any
    ) -> CartLinesAdd:
        query = gql("""
            mutation CartLinesAdd($checkoutId: ID!, $lines: [CheckoutLineInput]!) {
              checkoutLinesAdd(checkoutId: $checkoutId, lines: $lines) {
                checkout {
                  ...CartDetails
                }
                checkoutErrors {
                  ...CheckoutErrorFields
                }
              }
            }

            fragment AddressFields on Address {
              firstName
              lastName
              companyName
              streetAddress1
              streetAddress2
              city
              postalCode
              country {
                code
                country
              }
              countryArea
              phone
            }

            fragment CartDetails on Checkout {
              id
              token
              email
              quantity
              voucherCode
              discountName
              discount {
                ...MoneyFields
              }
              lines {
                id
                quantity
                totalPrice {
                  gross {
                    ...MoneyFields
                  }
                }
                variant {
                  id
                  sku
                  quantityAvailable
                  product {
                    name
                    slug
                    thumbnail {
                      url
                      alt
                    }
                  }
                }
              }
              subtotalPrice {
                gross {
                  ...MoneyFields
                }
              }
              shippingPrice {
                gross {
                  ...MoneyFields
                }
              }
              totalPrice {
                gross {
                  ...MoneyFields
                }
                tax {
                  ...MoneyFields
                }
              }
              isShippingRequired
              shippingAddress {
                ...AddressFields
              }
              shippingMethod {
                id
                name
              }
              availableShippingMethods {
                id
                name
                price {
                  ...MoneyFields
                }
              }
            }

            fragment CheckoutErrorFields on CheckoutError {
              field
              code
              message
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {"checkoutId": checkout_id, "lines": lines}
        response = self.execute(
            query=query, operation_name="CartLinesAdd", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return CartLinesAdd.model_validate(data)

    def cart_lines_update(
        self, checkout_id: str, lines: list[CheckoutLineInput], **kwargs: Any
    ) -> CartLinesUpdate:
        query = gql("""
            mutation CartLinesUpdate($checkoutId: ID!, $lines: [CheckoutLineInput]!) {
              checkoutLinesUpdate(checkoutId: $checkoutId, lines: $lines) {
                checkout {
                  ...CartDetails
                }
                checkoutErrors {
                  ...CheckoutErrorFields
                }
              }
            }

            fragment AddressFields on Address {
              firstName
              lastName
              companyName
              streetAddress1
              streetAddress2
              city
              postalCode
              country {
                code
                country
              }
              countryArea
              phone
            }

            fragment CartDetails on Checkout {
              id
              token
              email
              quantity
              voucherCode
              discountName
              discount {
                ...MoneyFields
              }
              lines {
                id
                quantity
                totalPrice {
                  gross {
                    ...MoneyFields
                  }
                }
                variant {
                  id
                  sku
                  quantityAvailable
                  product {
                    name
                    slug
                    thumbnail {
                      url
                      alt
                    }
                  }
                }
              }
              subtotalPrice {
                gross {
                  ...MoneyFields
                }
              }
              shippingPrice {
                gross {
                  ...MoneyFields
                }
              }
              totalPrice {
                gross {
                  ...MoneyFields
                }
                tax {
                  ...MoneyFields
                }
              }
              isShippingRequired
              shippingAddress {
                ...AddressFields
              }
              shippingMethod {
                id
                name
              }
              availableShippingMethods {
                id
                name
                price {
                  ...MoneyFields
                }
              }
            }

            fragment CheckoutErrorFields on CheckoutError {
              field
              code
              message
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {"checkoutId": checkout_id, "lines": lines}
        response = self.execute(
            query=query, operation_name="CartLinesUpdate", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return CartLinesUpdate.model_validate(data)

    def cart_line_delete(
        self, checkout_id: str, line_id: str, **kwargs: Any
    ) -> CartLineDelete:
        query = gql("""
            mutation CartLineDelete($checkoutId: ID!, $lineId: ID!) {
              checkoutLineDelete(checkoutId: $checkoutId, lineId: $lineId) {
                checkout {
                  ...CartDetails
                }
                checkoutErrors {
                  ...CheckoutErrorFields
                }
              }
            }

            fragment AddressFields on Address {
              firstName
              lastName
              companyName
              streetAddress1
              streetAddress2
              city
              postalCode
              country {
                code
                country
              }
              countryArea
              phone
            }

            fragment CartDetails on Checkout {
              id
              token
              email
              quantity
              voucherCode
              discountName
              discount {
                ...MoneyFields
              }
              lines {
                id
                quantity
                totalPrice {
                  gross {
                    ...MoneyFields
                  }
                }
                variant {
                  id
                  sku
                  quantityAvailable
                  product {
                    name
                    slug
                    thumbnail {
                      url
                      alt
                    }
                  }
                }
              }
              subtotalPrice {
                gross {
                  ...MoneyFields
                }
              }
              shippingPrice {
                gross {
                  ...MoneyFields
                }
              }
              totalPrice {
                gross {
                  ...MoneyFields
                }
                tax {
                  ...MoneyFields
                }
              }
              isShippingRequired
              shippingAddress {
                ...AddressFields
              }
              shippingMethod {
                id
                name
              }
              availableShippingMethods {
                id
                name
                price {
                  ...MoneyFields
                }
              }
            }

            fragment CheckoutErrorFields on CheckoutError {
              field
              code
              message
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {"checkoutId": checkout_id, "lineId": line_id}
        response = self.execute(
            query=query, operation_name="CartLineDelete", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return CartLineDelete.model_validate(data)

    def product_details(
        self, slug: str, country: CountryCode, **kwargs: Any
    ) -> ProductDetails:
        query = gql("""
            query ProductDetails($slug: String!, $country: CountryCode!) {
              product(slug: $slug) {
                id
                name
                slug
                descriptionJson
                seoTitle
                seoDescription
                isAvailable
                updatedAt
                images {
                  url
                  alt
                }
                pricing {
                  priceRange {
                    start {
                      gross {
                        amount
                        currency
                      }
                    }
                  }
                }
                variants {
                  id
                  sku
                  quantityAvailable(countryCode: $country)
                }
              }
            }
            """)
        variables: dict[str, object] = {"slug": slug, "country": country}
        response = self.execute(
            query=query, operation_name="ProductDetails", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return ProductDetails.model_validate(data)

    def checkout_set_details(
        self, checkout_id: str, email: str, address: AddressInput, **kwargs: Any
    ) -> CheckoutSetDetails:
        query = gql("""
            mutation CheckoutSetDetails($checkoutId: ID!, $email: String!, $address: AddressInput!) {
              checkoutEmailUpdate(checkoutId: $checkoutId, email: $email) {
                checkoutErrors {
                  ...CheckoutErrorFields
                }
              }
              checkoutShippingAddressUpdate(
                checkoutId: $checkoutId
                shippingAddress: $address
              ) {
                checkoutErrors {
                  ...CheckoutErrorFields
                }
              }
              checkoutBillingAddressUpdate(checkoutId: $checkoutId, billingAddress: $address) {
                checkout {
                  ...CartDetails
                }
                checkoutErrors {
                  ...CheckoutErrorFields
                }
              }
            }

            fragment AddressFields on Address {
              firstName
              lastName
              companyName
              streetAddress1
              streetAddress2
              city
              postalCode
              country {
                code
                country
              }
              countryArea
              phone
            }

            fragment CartDetails on Checkout {
              id
              token
              email
              quantity
              voucherCode
              discountName
              discount {
                ...MoneyFields
              }
              lines {
                id
                quantity
                totalPrice {
                  gross {
                    ...MoneyFields
                  }
                }
                variant {
                  id
                  sku
                  quantityAvailable
                  product {
                    name
                    slug
                    thumbnail {
                      url
                      alt
                    }
                  }
                }
              }
              subtotalPrice {
                gross {
                  ...MoneyFields
                }
              }
              shippingPrice {
                gross {
                  ...MoneyFields
                }
              }
              totalPrice {
                gross {
                  ...MoneyFields
                }
                tax {
                  ...MoneyFields
                }
              }
              isShippingRequired
              shippingAddress {
                ...AddressFields
              }
              shippingMethod {
                id
                name
              }
              availableShippingMethods {
                id
                name
                price {
                  ...MoneyFields
                }
              }
            }

            fragment CheckoutErrorFields on CheckoutError {
              field
              code
              message
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {
            "checkoutId": checkout_id,
            "email": email,
            "address": address,
        }
        response = self.execute(
            query=query,
            operation_name="CheckoutSetDetails",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return CheckoutSetDetails.model_validate(data)

    def checkout_set_shipping_method(
        self, checkout_id: str, shipping_method_id: str, **kwargs: Any
    ) -> CheckoutSetShippingMethod:
        query = gql("""
            mutation CheckoutSetShippingMethod($checkoutId: ID!, $shippingMethodId: ID!) {
              checkoutShippingMethodUpdate(
                checkoutId: $checkoutId
                shippingMethodId: $shippingMethodId
              ) {
                checkout {
                  ...CartDetails
                }
                checkoutErrors {
                  ...CheckoutErrorFields
                }
              }
            }

            fragment AddressFields on Address {
              firstName
              lastName
              companyName
              streetAddress1
              streetAddress2
              city
              postalCode
              country {
                code
                country
              }
              countryArea
              phone
            }

            fragment CartDetails on Checkout {
              id
              token
              email
              quantity
              voucherCode
              discountName
              discount {
                ...MoneyFields
              }
              lines {
                id
                quantity
                totalPrice {
                  gross {
                    ...MoneyFields
                  }
                }
                variant {
                  id
                  sku
                  quantityAvailable
                  product {
                    name
                    slug
                    thumbnail {
                      url
                      alt
                    }
                  }
                }
              }
              subtotalPrice {
                gross {
                  ...MoneyFields
                }
              }
              shippingPrice {
                gross {
                  ...MoneyFields
                }
              }
              totalPrice {
                gross {
                  ...MoneyFields
                }
                tax {
                  ...MoneyFields
                }
              }
              isShippingRequired
              shippingAddress {
                ...AddressFields
              }
              shippingMethod {
                id
                name
              }
              availableShippingMethods {
                id
                name
                price {
                  ...MoneyFields
                }
              }
            }

            fragment CheckoutErrorFields on CheckoutError {
              field
              code
              message
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {
            "checkoutId": checkout_id,
            "shippingMethodId": shipping_method_id,
        }
        response = self.execute(
            query=query,
            operation_name="CheckoutSetShippingMethod",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return CheckoutSetShippingMethod.model_validate(data)

    def checkout_add_promo_code(
        self, checkout_id: str, promo_code: str, **kwargs: Any
    ) -> CheckoutAddPromoCode:
        query = gql("""
            mutation CheckoutAddPromoCode($checkoutId: ID!, $promoCode: String!) {
              checkoutAddPromoCode(checkoutId: $checkoutId, promoCode: $promoCode) {
                checkout {
                  ...CartDetails
                }
                checkoutErrors {
                  ...CheckoutErrorFields
                }
              }
            }

            fragment AddressFields on Address {
              firstName
              lastName
              companyName
              streetAddress1
              streetAddress2
              city
              postalCode
              country {
                code
                country
              }
              countryArea
              phone
            }

            fragment CartDetails on Checkout {
              id
              token
              email
              quantity
              voucherCode
              discountName
              discount {
                ...MoneyFields
              }
              lines {
                id
                quantity
                totalPrice {
                  gross {
                    ...MoneyFields
                  }
                }
                variant {
                  id
                  sku
                  quantityAvailable
                  product {
                    name
                    slug
                    thumbnail {
                      url
                      alt
                    }
                  }
                }
              }
              subtotalPrice {
                gross {
                  ...MoneyFields
                }
              }
              shippingPrice {
                gross {
                  ...MoneyFields
                }
              }
              totalPrice {
                gross {
                  ...MoneyFields
                }
                tax {
                  ...MoneyFields
                }
              }
              isShippingRequired
              shippingAddress {
                ...AddressFields
              }
              shippingMethod {
                id
                name
              }
              availableShippingMethods {
                id
                name
                price {
                  ...MoneyFields
                }
              }
            }

            fragment CheckoutErrorFields on CheckoutError {
              field
              code
              message
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {
            "checkoutId": checkout_id,
            "promoCode": promo_code,
        }
        response = self.execute(
            query=query,
            operation_name="CheckoutAddPromoCode",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return CheckoutAddPromoCode.model_validate(data)

    def checkout_remove_promo_code(
        self, checkout_id: str, promo_code: str, **kwargs: Any
    ) -> CheckoutRemovePromoCode:
        query = gql("""
            mutation CheckoutRemovePromoCode($checkoutId: ID!, $promoCode: String!) {
              checkoutRemovePromoCode(checkoutId: $checkoutId, promoCode: $promoCode) {
                checkout {
                  ...CartDetails
                }
                checkoutErrors {
                  ...CheckoutErrorFields
                }
              }
            }

            fragment AddressFields on Address {
              firstName
              lastName
              companyName
              streetAddress1
              streetAddress2
              city
              postalCode
              country {
                code
                country
              }
              countryArea
              phone
            }

            fragment CartDetails on Checkout {
              id
              token
              email
              quantity
              voucherCode
              discountName
              discount {
                ...MoneyFields
              }
              lines {
                id
                quantity
                totalPrice {
                  gross {
                    ...MoneyFields
                  }
                }
                variant {
                  id
                  sku
                  quantityAvailable
                  product {
                    name
                    slug
                    thumbnail {
                      url
                      alt
                    }
                  }
                }
              }
              subtotalPrice {
                gross {
                  ...MoneyFields
                }
              }
              shippingPrice {
                gross {
                  ...MoneyFields
                }
              }
              totalPrice {
                gross {
                  ...MoneyFields
                }
                tax {
                  ...MoneyFields
                }
              }
              isShippingRequired
              shippingAddress {
                ...AddressFields
              }
              shippingMethod {
                id
                name
              }
              availableShippingMethods {
                id
                name
                price {
                  ...MoneyFields
                }
              }
            }

            fragment CheckoutErrorFields on CheckoutError {
              field
              code
              message
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {
            "checkoutId": checkout_id,
            "promoCode": promo_code,
        }
        response = self.execute(
            query=query,
            operation_name="CheckoutRemovePromoCode",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return CheckoutRemovePromoCode.model_validate(data)

    def shop_status(self, **kwargs: Any) -> ShopStatus:
        query = gql("""
            query ShopStatus {
              shop {
                name
              }
            }
            """)
        variables: dict[str, object] = {}
        response = self.execute(
            query=query, operation_name="ShopStatus", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return ShopStatus.model_validate(data)

    def order_for_buyer(self, token: Any, **kwargs: Any) -> OrderForBuyer:
        query = gql("""
            query OrderForBuyer($token: UUID!) {
              orderByToken(token: $token) {
                id
                token
                number
                created
                status
                statusDisplay
                paymentStatus
                paymentStatusDisplay
                isPaid
                userEmail
                shippingMethodName
                discountName
                discount {
                  ...MoneyFields
                }
                shippingAddress {
                  ...AddressFields
                }
                lines {
                  productName
                  productSku
                  quantity
                  quantityFulfilled
                  unitPrice {
                    gross {
                      ...MoneyFields
                    }
                  }
                }
                subtotal {
                  gross {
                    ...MoneyFields
                  }
                }
                shippingPrice {
                  gross {
                    ...MoneyFields
                  }
                }
                total {
                  gross {
                    ...MoneyFields
                  }
                  tax {
                    ...MoneyFields
                  }
                }
                fulfillments {
                  status
                  trackingNumber
                  created
                }
              }
            }

            fragment AddressFields on Address {
              firstName
              lastName
              companyName
              streetAddress1
              streetAddress2
              city
              postalCode
              country {
                code
                country
              }
              countryArea
              phone
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {"token": token}
        response = self.execute(
            query=query, operation_name="OrderForBuyer", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return OrderForBuyer.model_validate(data)

    def shop_countries(self, **kwargs: Any) -> ShopCountries:
        query = gql("""
            query ShopCountries {
              shop {
                countries {
                  code
                  country
                }
              }
            }
            """)
        variables: dict[str, object] = {}
        response = self.execute(
            query=query, operation_name="ShopCountries", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return ShopCountries.model_validate(data)

    def checkout_payment_create(
        self, checkout_id: str, gateway: str, token: str, **kwargs: Any
    ) -> CheckoutPaymentCreate:
        query = gql("""
            mutation CheckoutPaymentCreate($checkoutId: ID!, $gateway: String!, $token: String!) {
              checkoutPaymentCreate(
                checkoutId: $checkoutId
                input: {gateway: $gateway, token: $token}
              ) {
                payment {
                  id
                }
                paymentErrors {
                  ...PaymentErrorFields
                }
              }
            }

            fragment PaymentErrorFields on PaymentError {
              field
              code
              message
            }
            """)
        variables: dict[str, object] = {
            "checkoutId": checkout_id,
            "gateway": gateway,
            "token": token,
        }
        response = self.execute(
            query=query,
            operation_name="CheckoutPaymentCreate",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return CheckoutPaymentCreate.model_validate(data)

    def checkout_complete(self, checkout_id: str, **kwargs: Any) -> CheckoutComplete:
        query = gql("""
            mutation CheckoutComplete($checkoutId: ID!) {
              checkoutComplete(checkoutId: $checkoutId) {
                order {
                  id
                  token
                  number
                  total {
                    gross {
                      ...MoneyFields
                    }
                  }
                }
                confirmationNeeded
                checkoutErrors {
                  ...CheckoutErrorFields
                }
              }
            }

            fragment CheckoutErrorFields on CheckoutError {
              field
              code
              message
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {"checkoutId": checkout_id}
        response = self.execute(
            query=query,
            operation_name="CheckoutComplete",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return CheckoutComplete.model_validate(data)

    def payment_for_completion(self, id: str, **kwargs: Any) -> PaymentForCompletion:
        query = gql("""
            query PaymentForCompletion($id: ID!) {
              payment(id: $id) {
                id
                isActive
                chargeStatus
                order {
                  id
                }
                transactions {
                  kind
                  isSuccess
                  token
                  gatewayResponse
                }
              }
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = self.execute(
            query=query,
            operation_name="PaymentForCompletion",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return PaymentForCompletion.model_validate(data)

    def order_capture(self, order_id: str, amount: Any, **kwargs: Any) -> OrderCapture:
        query = gql("""
            mutation OrderCapture($orderId: ID!, $amount: Decimal!) {
              orderCapture(id: $orderId, amount: $amount) {
                order {
                  id
                  paymentStatus
                }
                orderErrors {
                  ...OrderErrorFields
                }
              }
            }

            fragment OrderErrorFields on OrderError {
              field
              code
              message
            }
            """)
        variables: dict[str, object] = {"orderId": order_id, "amount": amount}
        response = self.execute(
            query=query, operation_name="OrderCapture", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return OrderCapture.model_validate(data)

    def payment_void(self, payment_id: str, **kwargs: Any) -> PaymentVoid:
        query = gql("""
            mutation PaymentVoid($paymentId: ID!) {
              paymentVoid(paymentId: $paymentId) {
                payment {
                  id
                  chargeStatus
                }
                paymentErrors {
                  ...PaymentErrorFields
                }
              }
            }

            fragment PaymentErrorFields on PaymentError {
              field
              code
              message
            }
            """)
        variables: dict[str, object] = {"paymentId": payment_id}
        response = self.execute(
            query=query, operation_name="PaymentVoid", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return PaymentVoid.model_validate(data)

    def payment_amounts(self, id: str, **kwargs: Any) -> PaymentAmounts:
        query = gql("""
            query PaymentAmounts($id: ID!) {
              payment(id: $id) {
                id
                total {
                  ...MoneyFields
                }
                capturedAmount {
                  ...MoneyFields
                }
              }
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = self.execute(
            query=query, operation_name="PaymentAmounts", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return PaymentAmounts.model_validate(data)

    def order_refund(self, order_id: str, amount: Any, **kwargs: Any) -> OrderRefund:
        query = gql("""
            mutation OrderRefund($orderId: ID!, $amount: Decimal!) {
              orderRefund(id: $orderId, amount: $amount) {
                order {
                  id
                  paymentStatus
                }
                orderErrors {
                  ...OrderErrorFields
                }
              }
            }

            fragment OrderErrorFields on OrderError {
              field
              code
              message
            }
            """)
        variables: dict[str, object] = {"orderId": order_id, "amount": amount}
        response = self.execute(
            query=query, operation_name="OrderRefund", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return OrderRefund.model_validate(data)
