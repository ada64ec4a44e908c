//! Integer arithmetic with TLA+ semantics: unbounded (i64 fast path, transparent overflow
//! to `BigInt` and back), `\div` rounds toward negative infinity, `%` needs a positive
//! divisor and returns a value in `0..b-1`.

use crate::error::{VResult, ValueError};
use crate::value::Value;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use std::cmp::Ordering;

enum Num<'a> {
    Small(i64),
    Big(&'a BigInt),
}

fn num<'a>(v: &'a Value, op: &'static str) -> VResult<Num<'a>> {
    match v {
        Value::Int(i) => Ok(Num::Small(*i)),
        Value::BigInt(b) => Ok(Num::Big(b)),
        _ => Err(ValueError::TypeMismatch {
            expected: "an integer",
            op,
            got: v.clone(),
        }),
    }
}

fn big(n: &Num<'_>) -> BigInt {
    match n {
        Num::Small(i) => BigInt::from(*i),
        Num::Big(b) => (*b).clone(),
    }
}

impl Value {
    /// `self + other`.
    #[inline]
    pub fn add(&self, other: &Value) -> VResult<Value> {
        if let (Value::Int(a), Value::Int(b)) = (self, other) {
            if let Some(c) = a.checked_add(*b) {
                return Ok(Value::Int(c));
            }
        }
        let (a, b) = (num(self, "+")?, num(other, "+")?);
        Ok(Value::big(big(&a) + big(&b)))
    }

    /// `self - other`.
    #[inline]
    pub fn sub(&self, other: &Value) -> VResult<Value> {
        if let (Value::Int(a), Value::Int(b)) = (self, other) {
            if let Some(c) = a.checked_sub(*b) {
                return Ok(Value::Int(c));
            }
        }
        let (a, b) = (num(self, "-")?, num(other, "-")?);
        Ok(Value::big(big(&a) - big(&b)))
    }

    /// `self * other`.
    #[inline]
    pub fn mul(&self, other: &Value) -> VResult<Value> {
        if let (Value::Int(a), Value::Int(b)) = (self, other) {
            if let Some(c) = a.checked_mul(*b) {
                return Ok(Value::Int(c));
            }
        }
        let (a, b) = (num(self, "*")?, num(other, "*")?);
        Ok(Value::big(big(&a) * big(&b)))
    }

    /// `-self`.
    pub fn neg(&self) -> VResult<Value> {
        match num(self, "-")? {
            Num::Small(a) => match a.checked_neg() {
                Some(c) => Ok(Value::Int(c)),
                None => Ok(Value::big(-BigInt::from(a))),
            },
            Num::Big(b) => Ok(Value::big(-b)),
        }
    }

    /// `self \div other`: floor division; error on division by zero.
    pub fn div(&self, other: &Value) -> VResult<Value> {
        let (a, b) = (num(self, "\\div")?, num(other, "\\div")?);
        if let Num::Small(0) = b {
            return Err(ValueError::DivisionByZero {
                dividend: self.clone(),
            });
        }
        if let (Num::Small(x), Num::Small(y)) = (&a, &b) {
            if !(*x == i64::MIN && *y == -1) {
                return Ok(Value::Int(x.div_floor(y)));
            }
        }
        Ok(Value::big(big(&a).div_floor(&big(&b))))
    }

    /// `self % other`: requires `other > 0`; the result is in `0..other-1`.
    pub fn modulo(&self, other: &Value) -> VResult<Value> {
        let (a, b) = (num(self, "%")?, num(other, "%")?);
        let positive = match &b {
            Num::Small(y) => *y > 0,
            Num::Big(y) => y.is_positive(),
        };
        if !positive {
            return Err(ValueError::NonPositiveModulus {
                divisor: other.clone(),
            });
        }
        if let (Num::Small(x), Num::Small(y)) = (&a, &b) {
            return Ok(Value::Int(x.mod_floor(y)));
        }
        Ok(Value::big(big(&a).mod_floor(&big(&b))))
    }

    /// `self ^ other`: requires `other >= 0`, and not `0 ^ 0`.
    pub fn pow(&self, other: &Value) -> VResult<Value> {
        let (a, b) = (num(self, "^")?, num(other, "^")?);
        let exp = match b {
            Num::Small(e) if e >= 0 => e,
            _ => {
                return Err(ValueError::BadExponent {
                    base: self.clone(),
                    exp: other.clone(),
                })
            }
        };
        let base = big(&a);
        if base.is_zero() && exp == 0 {
            return Err(ValueError::BadExponent {
                base: self.clone(),
                exp: other.clone(),
            });
        }
        if let Num::Small(x) = a {
            if let Ok(e32) = u32::try_from(exp) {
                if let Some(r) = x.checked_pow(e32) {
                    return Ok(Value::Int(r));
                }
            }
        }
        // |base| >= 2 here unless base is 0, 1 or -1 (handled by checked_pow above).
        let e = exp.to_usize().filter(|&e| e <= 1 << 24).ok_or_else(|| {
            ValueError::Other(format!("the result of {self} ^ {other} is too large"))
        })?;
        Ok(Value::big(num_traits::pow::pow(base, e)))
    }

    /// Numeric comparison of two integers.
    pub fn int_cmp(&self, other: &Value, op: &'static str) -> VResult<Ordering> {
        match (self, other) {
            (Value::Int(a), Value::Int(b)) => Ok(a.cmp(b)),
            _ => {
                let (a, b) = (num(self, op)?, num(other, op)?);
                Ok(big(&a).cmp(&big(&b)))
            }
        }
    }

    /// `self < other`.
    #[inline]
    pub fn lt(&self, other: &Value) -> VResult<bool> {
        Ok(self.int_cmp(other, "<")? == Ordering::Less)
    }
    /// `self <= other`.
    #[inline]
    pub fn le(&self, other: &Value) -> VResult<bool> {
        Ok(self.int_cmp(other, "<=")? != Ordering::Greater)
    }
    /// `self > other`.
    #[inline]
    pub fn gt(&self, other: &Value) -> VResult<bool> {
        Ok(self.int_cmp(other, ">")? == Ordering::Greater)
    }
    /// `self >= other`.
    #[inline]
    pub fn ge(&self, other: &Value) -> VResult<bool> {
        Ok(self.int_cmp(other, ">=")? != Ordering::Less)
    }

    /// `self .. other` (lazy interval; `{}` if empty). Bounds must fit `i64`.
    pub fn range(&self, other: &Value) -> VResult<Value> {
        let a = self.as_i64("..")?;
        let b = other.as_i64("..")?;
        Ok(Value::interval(a, b))
    }
}
